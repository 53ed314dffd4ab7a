package dev.kysera.executor;

import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.kysera.core.error.UniqueConstraintException;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToIntFunction;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertOnDuplicateStep;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.impl.DSL;

/**
 * jOOQ runs upserts on H2 as a MERGE that a concurrent insert of the same key makes fail; the
 * executor repeats them (H2UpsertRepeat). A trigger of the target table ({@link Racer}) inserts the
 * upsert's key on another connection just before H2 inserts it, which makes that race happen on
 * every run, not by chance.
 */
class H2UpsertTest {

    private static final Table<Record> LINES = table(name("cart_lines"));
    private static final Field<Long> CUSTOMER = field(name("cart_lines", "customer_id"), Long.class);
    private static final Field<Long> PRODUCT = field(name("cart_lines", "product_id"), Long.class);
    private static final Field<String> CODE = field(name("cart_lines", "code"), String.class);
    private static final Field<Integer> QUANTITY = field(name("cart_lines", "quantity"), Integer.class);
    private static final Table<Record> LOG = table(name("upsert_log"));
    private static final Field<String> NOTE = field(name("upsert_log", "note"), String.class);

    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS cart_lines (
              customer_id BIGINT NOT NULL,
              product_id  BIGINT NOT NULL,
              code        VARCHAR(20),
              quantity    INT NOT NULL,
              CONSTRAINT cart_lines_pk PRIMARY KEY (customer_id, product_id),
              CONSTRAINT cart_lines_code_uk UNIQUE (code)
            );
            CREATE TABLE IF NOT EXISTS upsert_log (note VARCHAR(50) NOT NULL);
            CREATE TRIGGER IF NOT EXISTS cart_lines_racer BEFORE INSERT ON cart_lines FOR EACH ROW CALL 'dev.kysera.executor.H2UpsertTest$Racer';
            CREATE TRIGGER IF NOT EXISTS users_racer BEFORE INSERT ON users FOR EACH ROW CALL 'dev.kysera.executor.H2UpsertTest$Racer';
            """;

    /** The database the armed {@link Racer} inserts into; null while disarmed. */
    private static final AtomicReference<TestDatabase> RACE_ON = new AtomicReference<>();
    private static final AtomicInteger RACES = new AtomicInteger();

    /** Once armed, inserts the row being inserted, on its own connection (committed), before H2 inserts it. */
    public static final class Racer implements org.h2.api.Trigger {
        private String table;

        @Override
        public void init(Connection connection, String schema, String trigger, String tableName, boolean before, int type) {
            table = '"' + schema + "\".\"" + tableName + '"';
        }

        @Override
        public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
            TestDatabase db = RACE_ON.getAndSet(null);
            if (db == null) {
                return;
            }
            String markers = String.join(", ", Collections.nCopies(newRow.length, "?"));
            try (Connection other = db.newConnection(); PreparedStatement insert = other.prepareStatement(
                    "insert into " + table + " values (" + markers + ")")) {
                for (int i = 0; i < newRow.length; i++) {
                    insert.setObject(i + 1, newRow[i]);
                }
                insert.executeUpdate();
            }
            RACES.incrementAndGet();
        }
    }

    private static void prepare(TestDatabase db) {
        db.useTestSchema();
        db.executeScript(SCHEMA);
        db.dsl().deleteFrom(LINES).execute();
        db.dsl().deleteFrom(LOG).execute();
        RACE_ON.set(null);
        RACES.set(0);
    }

    private static Executor executor(TestDatabase db) {
        return Executor.builder().dataSource(db.dataSource(), db.dialect()).build();
    }

    private static InsertOnDuplicateStep<Record> add(DSLContext dsl, long customer, long product, int quantity) {
        return dsl.insertInto(LINES, CUSTOMER, PRODUCT, QUANTITY).values(customer, product, quantity);
    }

    private static int increment(DSLContext dsl, long customer, long product, int quantity) {
        return add(dsl, customer, product, quantity).onConflict(CUSTOMER, PRODUCT)
                .doUpdate().set(QUANTITY, QUANTITY.plus(excluded(QUANTITY))).execute();
    }

    private static List<List<Object>> lines(TestDatabase db) {
        return db.dsl().select(CUSTOMER, PRODUCT, CODE, QUANTITY).from(LINES).orderBy(CUSTOMER, PRODUCT)
                .fetch(row -> List.of(row.value1(), row.value2(), String.valueOf(row.value3()), row.value4()));
    }

    /** Runs {@code statement} through an executor with the racer armed: the count it returned, once the racer ran once. */
    private static int racedThroughExecutor(TestDatabase db, ToIntFunction<DSLContext> statement) {
        prepare(db);
        int count;
        try (Executor executor = executor(db)) {
            RACE_ON.set(db);
            count = statement.applyAsInt(executor.dsl());
        }
        assertThat(RACES).hasValue(1);
        return count;
    }

    @MatrixTest(only = Engine.H2)
    void plain_jooq_on_h2_fails_when_the_key_is_inserted_between_merge_check_and_insert(TestDatabase db) {
        prepare(db);
        RACE_ON.set(db);
        assertThatThrownBy(() -> increment(db.dsl(), 1, 1, 2)).isInstanceOf(IntegrityConstraintViolationException.class);
        assertThat(RACES).hasValue(1);
        assertThat(lines(db)).containsExactly(List.of(1L, 1L, "null", 2));
    }

    @MatrixTest(only = Engine.H2)
    void an_upsert_that_loses_the_race_updates_the_row_that_won_it(TestDatabase db) {
        assertThat(racedThroughExecutor(db, dsl -> increment(dsl, 1, 1, 2))).isEqualTo(1);
        assertThat(lines(db)).containsExactly(List.of(1L, 1L, "null", 4));
    }

    @MatrixTest(only = Engine.H2)
    void inside_a_transaction_only_the_failed_statement_is_undone_and_repeated(TestDatabase db) {
        prepare(db);
        try (Executor executor = executor(db)) {
            executor.transaction(tx -> {
                tx.dsl().insertInto(LOG, NOTE).values("before").execute();
                RACE_ON.set(db);
                assertThat(increment(tx.dsl(), 1, 1, 2)).isEqualTo(1);
                tx.dsl().insertInto(LOG, NOTE).values("after").execute();
            });
        }
        assertThat(RACES).hasValue(1);
        assertThat(lines(db)).containsExactly(List.of(1L, 1L, "null", 4));
        assertThat(db.dsl().select(NOTE).from(LOG).orderBy(NOTE).fetch(NOTE)).containsExactly("after", "before");
    }

    @MatrixTest(only = Engine.H2)
    void an_insert_ignore_that_loses_the_race_ignores(TestDatabase db) {
        assertThat(racedThroughExecutor(db, dsl -> add(dsl, 1, 1, 2).onConflict(CUSTOMER, PRODUCT).doNothing().execute())).isZero();
        assertThat(lines(db)).containsExactly(List.of(1L, 1L, "null", 2));
    }

    @MatrixTest(only = Engine.H2)
    void without_a_conflict_target_any_key_of_the_table_is_the_conflict(TestDatabase db) {
        assertThat(racedThroughExecutor(db, dsl -> dsl.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME)
                .values(7L, "ann@example.com", "Ann").onDuplicateKeyIgnore().execute())).isZero();
        assertThat(db.dsl().select(USERS.ID, USERS.EMAIL).from(USERS).fetch(row -> List.of(row.value1(), row.value2())))
                .containsExactly(List.of(7L, "ann@example.com"));
    }

    @MatrixTest(only = Engine.H2)
    void an_upsert_violating_another_unique_key_still_fails(TestDatabase db) {
        prepare(db);
        db.dsl().insertInto(LINES, CUSTOMER, PRODUCT, CODE, QUANTITY).values(1L, 1L, "A", 1).execute();
        try (Executor executor = executor(db)) {
            assertThatThrownBy(() -> executor.dsl().insertInto(LINES, CUSTOMER, PRODUCT, CODE, QUANTITY).values(1L, 2L, "A", 5)
                    .onConflict(CUSTOMER, PRODUCT).doUpdate().set(QUANTITY, QUANTITY.plus(excluded(QUANTITY))).execute())
                    .isExactlyInstanceOf(UniqueConstraintException.class)
                    .satisfies(e -> assertThat(((UniqueConstraintException) e).details().names().columns()).containsExactly("code"));
            assertThatThrownBy(() -> executor.transaction(tx -> {
                tx.dsl().insertInto(LINES, CUSTOMER, PRODUCT, CODE, QUANTITY).values(2L, 1L, "A", 5)
                        .onConflict(CUSTOMER, PRODUCT).doNothing().execute();
            })).isExactlyInstanceOf(UniqueConstraintException.class);
        }
        assertThat(RACES).hasValue(0);
        assertThat(lines(db)).containsExactly(List.of(1L, 1L, "A", 1));
    }

    @MatrixTest(only = Engine.H2)
    void a_plain_insert_of_an_existing_key_still_fails(TestDatabase db) {
        prepare(db);
        db.dsl().insertInto(LINES, CUSTOMER, PRODUCT, QUANTITY).values(1L, 1L, 1).execute();
        try (Executor executor = executor(db)) {
            assertThatThrownBy(() -> add(executor.dsl(), 1, 1, 5).execute()).isExactlyInstanceOf(UniqueConstraintException.class);
        }
        assertThat(lines(db)).containsExactly(List.of(1L, 1L, "null", 1));
    }

    @MatrixTest(only = Engine.H2)
    void many_threads_upserting_one_new_key_lose_no_increment(TestDatabase db) throws Exception {
        racingThreads(db, false);
    }

    @MatrixTest(only = Engine.H2)
    void many_transactions_upserting_one_new_key_lose_no_increment(TestDatabase db) throws Exception {
        racingThreads(db, true);
    }

    /** Each round, every thread adds 1 to the same new line at once (in its own transaction, after a log row, if asked). */
    private static void racingThreads(TestDatabase db, boolean inTransactions) throws Exception {
        prepare(db);
        int threads = 8;
        int rounds = 15;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (Executor executor = executor(db)) {
            for (int round = 1; round <= rounds; round++) {
                long customer = round;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> adds = new ArrayList<>();
                for (int thread = 0; thread < threads; thread++) {
                    adds.add(pool.submit(() -> {
                        start.await();
                        if (inTransactions) {
                            executor.transaction(tx -> {
                                tx.dsl().insertInto(LOG, NOTE).values("round " + customer).execute();
                                increment(tx.dsl(), customer, 1, 1);
                            });
                        } else {
                            increment(executor.dsl(), customer, 1, 1);
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> added : adds) {
                    added.get(30, TimeUnit.SECONDS);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        List<List<Object>> expected = new ArrayList<>();
        for (long customer = 1; customer <= rounds; customer++) {
            expected.add(List.of(customer, 1L, "null", threads));
        }
        assertThat(lines(db)).isEqualTo(expected);
        assertThat(db.dsl().fetchCount(LOG)).isEqualTo(inTransactions ? threads * rounds : 0);
    }
}
