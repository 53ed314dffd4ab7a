package dev.kysera.benchmarks;

import static dev.kysera.testsupport.schema.Tables.USERS;

import dev.kysera.audit.AuditOptions;
import dev.kysera.audit.AuditPlugin;
import dev.kysera.audit.AuditTable;
import dev.kysera.executor.Executor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.InsertValuesStep3;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of kysera-audit on writes: the same write, each in its own transaction, by raw JDBC,
 * plain jOOQ, an executor without plugins and an executor with the audit plugin (which reads the
 * row before — locked — and after, and inserts one audit row per changed row, in the transaction).
 * Run it with {@code java -jar kysera-benchmarks.jar AuditBenchmark}; the table shows each
 * variant's time ratio to plain jOOQ and to raw JDBC.
 *
 * <ul>
 *   <li>{@code auditUpdate}: {@code UPDATE users SET name = ? WHERE id = ?} of a random seeded user.</li>
 *   <li>{@code auditInsert}: one user with its key set.</li>
 *   <li>{@code auditInsertMany}: 100 users in one multi-row INSERT with their keys set (audit writes
 *       their 100 entries as one multi-row INSERT too).</li>
 * </ul>
 *
 * <p>Created users and every audit entry are deleted after each iteration.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AuditBenchmark {

    static final int MANY = 100;
    private static final String UPDATE_SQL = "update users set name = ? where id = ?";
    private static final String INSERT_SQL = "insert into users (id, email, name) values (?, ?, ?)";

    @Param({"sqlite", "postgres"})
    public String database;

    BenchDatabase db;
    Executor plain;
    Executor audited;
    private final AtomicLong nextId = new AtomicLong(BenchDatabase.USERS + 1);
    private Connection held;
    private PreparedStatement update;
    private PreparedStatement insert;
    private PreparedStatement insertMany;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        db = BenchDatabase.open(database);
        AuditOptions options = AuditOptions.builder().table("users", "id").auditTable("bench_audit_log").build();
        db.dsl().dropTableIfExists(DSL.name(options.auditTableName())).execute();
        AuditTable.create(db.dsl(), options);
        plain = Executor.of(db.dsl());
        audited = Executor.of(db.dsl(), AuditPlugin.of(options));
        held = db.borrow();
        update = held.prepareStatement(UPDATE_SQL);
        insert = held.prepareStatement(INSERT_SQL);
        StringBuilder many = new StringBuilder("insert into users (id, email, name) values ");
        for (int i = 0; i < MANY; i++) {
            many.append(i == 0 ? "" : ", ").append("(?, ?, ?)");
        }
        insertMany = held.prepareStatement(many.toString());
    }

    @TearDown(Level.Iteration)
    public void cleanUp() throws SQLException {
        db.deleteCreatedUsers();
        Connection connection = db.borrow();
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("delete from bench_audit_log");
        } finally {
            db.giveBack(connection);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        update.close();
        insert.close();
        insertMany.close();
        db.giveBack(held);
        audited.close();
        plain.close();
        db.dsl().dropTableIfExists(DSL.name("bench_audit_log")).execute();
        db.close();
    }

    private static long randomUser() {
        return ThreadLocalRandom.current().nextLong(1, BenchDatabase.USERS + 1);
    }

    private static String name() {
        return "n" + ThreadLocalRandom.current().nextInt(1_000_000);
    }

    /** Runs {@code work} on the held connection in a transaction, as the other variants do. */
    private int inTransaction(JdbcWork work) throws SQLException {
        held.setAutoCommit(false);
        try {
            int rows = work.run();
            held.commit();
            return rows;
        } catch (SQLException | RuntimeException e) {
            held.rollback();
            throw e;
        } finally {
            held.setAutoCommit(true);
        }
    }

    @FunctionalInterface
    private interface JdbcWork {
        int run() throws SQLException;
    }

    // ------------------------------------------------------------------ single-row update

    @Benchmark
    public int auditUpdate_jdbcReused() throws SQLException {
        return inTransaction(() -> {
            update.setString(1, name());
            update.setLong(2, randomUser());
            return update.executeUpdate();
        });
    }

    @Benchmark
    public int auditUpdate_jooq() {
        return db.dsl().transactionResult(cfg -> DSL.using(cfg).update(USERS).set(USERS.NAME, name()).where(USERS.ID.eq(randomUser()))
                .execute());
    }

    @Benchmark
    public int auditUpdate_kysera() {
        return plain.transactionResult(tx -> tx.dsl().update(USERS).set(USERS.NAME, name()).where(USERS.ID.eq(randomUser())).execute());
    }

    @Benchmark
    public int auditUpdate_kyseraAudit() {
        return audited.transactionResult(tx -> tx.dsl().update(USERS).set(USERS.NAME, name()).where(USERS.ID.eq(randomUser())).execute());
    }

    // ------------------------------------------------------------------ single-row insert

    @Benchmark
    public int auditInsert_jdbcReused() throws SQLException {
        long id = nextId.getAndIncrement();
        return inTransaction(() -> {
            insert.setLong(1, id);
            insert.setString(2, "b" + id + "@example.com");
            insert.setString(3, "b" + id);
            return insert.executeUpdate();
        });
    }

    @Benchmark
    public int auditInsert_jooq() {
        long id = nextId.getAndIncrement();
        return db.dsl().transactionResult(cfg -> DSL.using(cfg).insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME)
                .values(id, "b" + id + "@example.com", "b" + id).execute());
    }

    @Benchmark
    public int auditInsert_kysera() {
        long id = nextId.getAndIncrement();
        return plain.transactionResult(tx -> tx.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME)
                .values(id, "b" + id + "@example.com", "b" + id).execute());
    }

    @Benchmark
    public int auditInsert_kyseraAudit() {
        long id = nextId.getAndIncrement();
        return audited.transactionResult(tx -> tx.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME)
                .values(id, "b" + id + "@example.com", "b" + id).execute());
    }

    // ------------------------------------------------------------------ 100 rows, one statement

    @Benchmark
    public int auditInsertMany_jdbcReused() throws SQLException {
        long first = nextId.getAndAdd(MANY);
        return inTransaction(() -> {
            int index = 1;
            for (long id = first; id < first + MANY; id++) {
                insertMany.setLong(index++, id);
                insertMany.setString(index++, "b" + id + "@example.com");
                insertMany.setString(index++, "b" + id);
            }
            return insertMany.executeUpdate();
        });
    }

    private static InsertValuesStep3<?, Long, String, String> many(org.jooq.DSLContext dsl, long first) {
        InsertValuesStep3<?, Long, String, String> insert = dsl.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME);
        for (long id = first; id < first + MANY; id++) {
            insert = insert.values(id, "b" + id + "@example.com", "b" + id);
        }
        return insert;
    }

    @Benchmark
    public int auditInsertMany_jooq() {
        long first = nextId.getAndAdd(MANY);
        return db.dsl().transactionResult(cfg -> many(DSL.using(cfg), first).execute());
    }

    @Benchmark
    public int auditInsertMany_kysera() {
        long first = nextId.getAndAdd(MANY);
        return plain.transactionResult(tx -> many(tx.dsl(), first).execute());
    }

    @Benchmark
    public int auditInsertMany_kyseraAudit() {
        long first = nextId.getAndAdd(MANY);
        return audited.transactionResult(tx -> many(tx.dsl(), first).execute());
    }

    /** How many audit entries exist now (for the smoke test). */
    long auditEntries() {
        return db.dsl().fetchCount(DSL.table(DSL.name("bench_audit_log")));
    }

    /** The name a user has now (for the smoke test). */
    String nameOf(long id) {
        return db.dsl().select(DSL.field(DSL.name("name"), SQLDataType.VARCHAR)).from(USERS).where(USERS.ID.eq(id)).fetchOne(0, String.class);
    }
}
