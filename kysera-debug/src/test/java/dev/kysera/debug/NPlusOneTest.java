package dev.kysera.debug;

import static dev.kysera.testsupport.schema.Tables.POSTS;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.error.KyseraException;
import dev.kysera.executor.Executor;
import dev.kysera.executor.StatementKind;
import dev.kysera.repository.Repository;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import dev.kysera.testsupport.schema.tables.records.PostsRecord;
import dev.kysera.testsupport.schema.tables.records.UsersRecord;
import java.lang.System.Logger.Level;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/** N+1 detection in transactions and scopes, on every database. */
class NPlusOneTest {

    private static List<Long> seedUsers(TestDatabase db, int count) {
        db.useTestSchema();
        for (int i = 0; i < count; i++) {
            long id = db.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values("n" + i + "@example.com", "N" + i)
                    .returning(USERS.ID).fetchOne(USERS.ID);
            db.dsl().insertInto(POSTS, POSTS.USER_ID, POSTS.TITLE).values(id, "post " + i).execute();
        }
        return db.dsl().select(USERS.ID).from(USERS).orderBy(USERS.ID).fetch(USERS.ID);
    }

    @MatrixTest
    void a_repository_loop_in_a_transaction_throws_and_rolls_back(TestDatabase db) {
        List<Long> ids = seedUsers(db, 8);
        NPlusOneDetector detector = NPlusOneOptions.builder().threshold(5).mode(NPlusOneMode.THROW).plugin();
        try (Executor executor = Fixtures.executor(db, detector)) {
            assertThatThrownBy(() -> executor.transaction(tx -> {
                Repository<UsersRecord, Long, ?, ?> users = Repository.builder(USERS, USERS.ID).build(tx);
                Repository<PostsRecord, Long, ?, ?> posts = Repository.builder(POSTS, POSTS.ID).build(tx);
                tx.dsl().update(USERS).set(USERS.STATUS, "suspended").execute();
                for (UsersRecord user : users.findAll(USERS.ID)) {
                    posts.findMany(POSTS.USER_ID.eq(user.getId()));
                }
            })).isInstanceOfSatisfying(NPlusOneException.class, e -> {
                assertThat(e).isInstanceOf(KyseraException.class);
                assertThat(e.code()).isEqualTo("N_PLUS_ONE");
                assertThat(e.finding().executions()).isEqualTo(6);
                assertThat(e.finding().distinctBinds()).isEqualTo(6);
                assertThat(e.finding().shape()).startsWith("select ").contains("posts").contains("user_id");
                assertThat(e.finding().unit()).startsWith("transaction ");
            });
        }
        assertThat(db.dsl().fetchCount(USERS, USERS.STATUS.eq("suspended"))).as("rolled back").isZero();
        assertThat(detector.findings()).hasSize(1);
        assertThat(ids).hasSize(8);
    }

    @MatrixTest
    void a_batched_load_is_not_a_finding(TestDatabase db) {
        List<Long> ids = seedUsers(db, 8);
        NPlusOneDetector detector = NPlusOneOptions.builder().threshold(5).mode(NPlusOneMode.THROW).plugin();
        try (Executor executor = Fixtures.executor(db, detector)) {
            executor.transaction(tx -> {
                Repository<PostsRecord, Long, ?, ?> posts = Repository.builder(POSTS, POSTS.ID).build(tx);
                assertThat(posts.findMany(POSTS.USER_ID.in(ids))).hasSize(8);
                DSLContext dsl = tx.dsl();
                dsl.batch(dsl.update(USERS).set(USERS.NAME, (String) null).where(USERS.ID.eq((Long) null)))
                        .bind("a", ids.get(0)).bind("b", ids.get(1)).bind("c", ids.get(2)).bind("d", ids.get(3))
                        .bind("e", ids.get(4)).bind("f", ids.get(5)).bind("g", ids.get(6)).execute();
                // The same shape with the same binds is repeated work, not N+1.
                for (int i = 0; i < 10; i++) {
                    dsl.selectFrom(POSTS).where(POSTS.USER_ID.eq(ids.getFirst())).fetch();
                }
            });
            // Outside any transaction or scope nothing is counted.
            for (long id : ids) {
                executor.dsl().selectFrom(POSTS).where(POSTS.USER_ID.eq(id)).fetch();
            }
        }
        assertThat(detector.findings()).isEmpty();
    }

    @MatrixTest
    void collect_reports_once_per_transaction_with_the_final_count(TestDatabase db) {
        List<Long> ids = seedUsers(db, 8);
        NPlusOneDetector detector = NPlusOneOptions.builder().threshold(3).mode(NPlusOneMode.COLLECT).plugin();
        try (Executor executor = Fixtures.executor(db, detector)) {
            long txId = executor.transactionResult(tx -> {
                for (long id : ids) {
                    tx.transaction(savepoint -> savepoint.dsl().selectFrom(POSTS).where(POSTS.USER_ID.eq(id)).fetch());
                }
                assertThat(detector.findings()).as("reported when the unit ends").isEmpty();
                return tx.transaction().orElseThrow().id();
            });
            assertThat(detector.findings()).singleElement().satisfies(f -> {
                assertThat(f.unit()).isEqualTo("transaction " + txId);
                assertThat(f.executions()).isEqualTo(8);
                assertThat(f.distinctBinds()).isEqualTo(4);
                assertThat(f.message()).startsWith("N+1 in transaction " + txId + ": select ").endsWith(" ran 8 times with different binds");
            });
            detector.clearFindings();
            executor.transaction(tx -> ids.subList(0, 3).forEach(id -> tx.dsl().selectFrom(POSTS).where(POSTS.USER_ID.eq(id)).fetch()));
            assertThat(detector.findings()).as("at the threshold, not beyond it").isEmpty();
        }
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void an_explicit_scope_and_log_mode(TestDatabase db) {
        List<Long> ids = seedUsers(db, 6);
        CapturingLogger logger = new CapturingLogger(Level.INFO);
        NPlusOneDetector detector = NPlusOneOptions.builder().threshold(4).logger(logger).kinds(StatementKind.SELECT, StatementKind.UPDATE)
                .plugin();
        try (Executor executor = Fixtures.executor(db, detector)) {
            try (NPlusOneDetector.Scope request = detector.openScope("GET /users")) {
                for (long id : ids) {
                    executor.dsl().selectFrom(POSTS).where(POSTS.USER_ID.eq(id)).fetch();
                    executor.dsl().update(USERS).set(USERS.VERSION, 1).where(USERS.ID.eq(id)).execute();
                }
                assertThat(request.findings()).hasSize(2);
                assertThat(logger.messages).isEmpty();
            }
        }
        assertThat(logger.messages).hasSize(2).allSatisfy(m -> assertThat(m).startsWith("WARNING N+1 in scope GET /users: ")
                .endsWith(" ran 6 times with different binds"));
        assertThat(detector.findings()).hasSize(2);
    }

    @Test
    void options_validate_and_round_trip() {
        assertThatThrownBy(() -> NPlusOneOptions.builder().threshold(0).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NPlusOneOptions.builder().maxFindings(0).build()).isInstanceOf(IllegalArgumentException.class);
        NPlusOneOptions options = NPlusOneOptions.builder().threshold(9).mode(NPlusOneMode.COLLECT).build();
        assertThat(options.toBuilder().build().toString()).isEqualTo(options.toString());
        assertThat(NPlusOneOptions.defaults().threshold()).isEqualTo(5);
        assertThat(NPlusOneOptions.defaults().kinds()).containsExactly(StatementKind.SELECT);
        assertThat(NPlusOneDetector.defaults().name()).isEqualTo("n-plus-one");
    }
}
