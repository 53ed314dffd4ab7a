package dev.kysera.repository;

import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.executor.Executor;
import dev.kysera.repository.RepositoryTest.User;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultExecuteListenerProvider;

/**
 * The write fast paths: a create and a create-many chunk are one statement that returns the rows
 * it inserted — exactly those, in input order — on every database, and SQLite's find by id sends a
 * literal {@code LIMIT 1}. Statements are counted by a jOOQ listener under the executor's own.
 */
class CreateReturningTest {

    /** Every SQL string jOOQ sent to the driver. */
    static final class SentStatements implements ExecuteListener {
        final List<String> sql = new ArrayList<>();

        @Override
        public void executeStart(ExecuteContext ctx) {
            sql.add(ctx.sql().toLowerCase(Locale.ROOT));
        }
    }

    private static Repository<User, Long, RepositoryTest.NewUser, Values> users(TestDatabase db, SentStatements sent) {
        db.useTestSchema();
        DSLContext counted = DSL.using(db.dsl().configuration().derive(new DefaultExecuteListenerProvider(sent)));
        return RepositoryTest.users(Executor.of(counted));
    }

    /** How the database returns inserted rows in one statement: RETURNING, or H2's data change delta table. */
    private static String returningMarker(TestDatabase db) {
        return db.dialect().family() == SQLDialect.H2 ? "final table" : "returning";
    }

    @MatrixTest
    void create_is_one_statement_returning_the_row(TestDatabase db) {
        SentStatements sent = new SentStatements();
        var users = users(db, sent);
        User ann = users.create(new RepositoryTest.NewUser("ann@example.com", "Ann"));
        assertThat(sent.sql).singleElement().asString().startsWith(db.dialect().family() == SQLDialect.H2 ? "select" : "insert")
                .contains(returningMarker(db)).doesNotContain("last_insert_rowid");
        assertThat(ann.id()).isPositive();
        assertThat(ann).isEqualTo(new User(ann.id(), "ann@example.com", "Ann", "active", 0));
        assertThat(users.findById(ann.id())).contains(ann);
    }

    @MatrixTest
    void create_many_is_one_statement_per_chunk_returning_every_row_in_input_order(TestDatabase db) {
        SentStatements sent = new SentStatements();
        var users = users(db, sent);
        List<RepositoryTest.NewUser> input = IntStream.range(0, 500).mapToObj(RepositoryTest::newUser).toList();
        List<User> created = users.createMany(input);
        assertThat(sent.sql).singleElement().asString().contains(returningMarker(db));
        assertThat(created).extracting(User::email).containsExactlyElementsOf(input.stream().map(RepositoryTest.NewUser::email).toList());
        assertThat(created).extracting(User::id).doesNotHaveDuplicates().isSorted();
        assertThat(users.findByIds(created.stream().map(User::id).toList())).containsExactlyInAnyOrderElementsOf(created);
        assertThat(users.count()).isEqualTo(500);
    }

    /**
     * Explicit keys in an order that is neither ascending nor descending, beside existing rows: the
     * returned rows follow the VALUES list, not the key order or the table's, and none of the
     * existing rows is among them.
     */
    @MatrixTest
    void create_many_returns_rows_in_values_order_not_key_order(TestDatabase db) {
        SentStatements sent = new SentStatements();
        db.useTestSchema();
        DSLContext counted = DSL.using(db.dsl().configuration().derive(new DefaultExecuteListenerProvider(sent)));
        Repository<Values, Long, Values, Values> users = Repository.builder(USERS, USERS.ID)
                .select(USERS.ID, USERS.EMAIL, USERS.NAME)
                .mapper(r -> Values.of(USERS.ID, r.get(USERS.ID)).set(USERS.EMAIL, r.get(USERS.EMAIL)))
                .build(Executor.of(counted));
        users.createMany(List.of(row(50), row(10)));
        sent.sql.clear();
        List<Long> keys = List.of(40L, 70L, 20L, 90L, 30L, 60L);
        List<Values> created = users.createMany(keys.stream().map(CreateReturningTest::row).toList());
        assertThat(sent.sql).hasSize(1);
        assertThat(created).extracting(v -> v.get(USERS.ID).orElseThrow()).containsExactlyElementsOf(keys);
        assertThat(created).extracting(v -> v.get(USERS.EMAIL).orElseThrow())
                .containsExactly("u40@example.com", "u70@example.com", "u20@example.com", "u90@example.com", "u30@example.com", "u60@example.com");
        assertThat(users.count()).isEqualTo(8);
    }

    private static Values row(long id) {
        return Values.of(USERS.ID, id).set(USERS.EMAIL, "u" + id + "@example.com").set(USERS.NAME, "U" + id);
    }

    /** Above one chunk (30,000 bind values over the columns plus plugin room): a transaction, one statement per chunk. */
    @MatrixTest
    void create_many_above_one_chunk_is_one_statement_per_chunk(TestDatabase db) {
        SentStatements sent = new SentStatements();
        var users = users(db, sent);
        // email, name, version: 30,000 / (3 + 8) = 2,727 rows per statement
        List<RepositoryTest.NewUser> input = IntStream.range(0, 6_000).mapToObj(RepositoryTest::newUser).toList();
        List<User> created = users.createMany(input);
        assertThat(sent.sql).hasSize(3).allSatisfy(sql -> assertThat(sql).contains(returningMarker(db)));
        assertThat(created).extracting(User::email).containsExactlyElementsOf(input.stream().map(RepositoryTest.NewUser::email).toList());
        assertThat(users.count()).isEqualTo(6_000);
    }

    @MatrixTest
    void find_by_id_inlines_its_limit_on_sqlite_only(TestDatabase db) {
        SentStatements sent = new SentStatements();
        var users = users(db, sent);
        User bob = users.create(new RepositoryTest.NewUser("bob@example.com", "Bob"));
        sent.sql.clear();
        assertThat(users.findById(bob.id())).contains(bob);
        assertThat(users.findById(bob.id() + 1)).isEmpty();
        assertThat(sent.sql).hasSize(2);
        if (db.dialect().family() == SQLDialect.SQLITE) {
            assertThat(sent.sql.getFirst()).endsWith("limit 1");
        } else {
            assertThat(sent.sql.getFirst()).doesNotContainPattern("(limit|fetch next) 1\\b");
        }
    }
}
