package dev.kysera.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.executor.Executor;
import java.sql.DriverManager;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@KyseraTest
class StaticFieldExecutorTest {

    @TestExecutor
    static Executor executor;

    /** The code under test: it only knows the executor. */
    record UserService(Executor executor) {
        void register(String email) {
            executor.transaction(tx -> tx.dsl().execute("INSERT INTO users (email) VALUES (?)", email));
        }

        int count() {
            return executor.dsl().fetchCount(DSL.table("users"));
        }
    }

    @BeforeAll
    static void createSchema() throws Exception {
        var connection = DriverManager.getConnection("jdbc:sqlite::memory:");
        executor = Executor.of(DSL.using(connection, SQLDialect.SQLITE));
        executor.dsl().execute("CREATE TABLE users (email TEXT PRIMARY KEY)"); // outside any test: committed
    }

    @AfterAll
    static void close() {
        executor.close();
    }

    @Test
    void registersAUser(Executor executor) {
        var users = new UserService(executor);
        users.register("ada@example.com"); // its own transaction becomes a savepoint of the test's
        assertThat(users.count()).isEqualTo(1); // rolled back after the test
    }

    @Test
    void registersAnotherUser(Executor executor) {
        var users = new UserService(executor);
        users.register("grace@example.com");
        assertThat(users.count()).isEqualTo(1); // nothing left of the other test
    }

    @Test
    @Commit
    void runsOutsideAnyTransaction(Executor executor) {
        assertThat(executor.inTransaction()).isFalse(); // writes here would be committed and stay
    }
}
