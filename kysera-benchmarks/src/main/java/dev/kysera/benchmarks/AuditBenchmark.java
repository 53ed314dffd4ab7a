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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    // ------------------------------------------------------------------ single-row delete

    /** Creates {@code count} users above the seeded ones for the delete variants to delete, outside any measurement. */
    long createUsersToDelete(int count) {
        long first = nextId.getAndAdd(count);
        var insert = db.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME);
        for (long id = first; id < first + count; id++) {
            insert = insert.values(id, "d" + id + "@example.com", "d" + id);
        }
        insert.execute();
        return first;
    }

    int auditDelete_jooq(long id) {
        return db.dsl().transactionResult(cfg -> DSL.using(cfg).deleteFrom(USERS).where(USERS.ID.eq(id)).execute());
    }

    int auditDelete_kysera(long id) {
        return plain.transactionResult(tx -> tx.dsl().deleteFrom(USERS).where(USERS.ID.eq(id)).execute());
    }

    int auditDelete_kyseraAudit(long id) {
        return audited.transactionResult(tx -> tx.dsl().deleteFrom(USERS).where(USERS.ID.eq(id)).execute());
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

    // ------------------------------------------------------------------ CPU-time probe

    /**
     * One probed variant of an operation: {@code setUp} prepares {@code calls} calls outside the measurement and
     * returns what {@code call} needs; {@code call} runs call number {@code i}; {@code weight} divides the calls
     * per round for operations that do that many times the work.
     */
    record Probed(String operation, String variant, java.util.function.IntFunction<Object> setUp,
                  java.util.function.BiFunction<Object, Integer, Object> call, int weight) {
    }

    /**
     * Thread CPU time, wall time and allocation per call of every variant, measured in one warmed JVM with the
     * variants interleaved round by round (a third as many rounds more warm up first); medians, in that order.
     * For a machine too busy for JMH's wall times: another process stretches wall time, not this thread's CPU time.
     */
    static Map<Probed, double[]> probe(List<Probed> variants, int rounds, int calls, Runnable afterRound) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        Map<Probed, List<double[]>> samples = new LinkedHashMap<>();
        variants.forEach(v -> samples.put(v, new ArrayList<>()));
        int warmup = Math.max(3, rounds / 3);
        Object sink = null;
        for (int round = 0; round < warmup + rounds; round++) {
            for (Probed variant : variants) {
                int n = Math.max(1, calls / variant.weight());
                Object state = variant.setUp().apply(n);
                long cpu = threads.getCurrentThreadCpuTime();
                long wall = System.nanoTime();
                long bytes = threads.getThreadAllocatedBytes(thread);
                for (int i = 0; i < n; i++) {
                    sink = variant.call().apply(state, i);
                }
                double[] sample = {(threads.getCurrentThreadCpuTime() - cpu) / 1_000.0 / n, (System.nanoTime() - wall) / 1_000.0 / n,
                        (threads.getThreadAllocatedBytes(thread) - bytes) / (double) n};
                if (round >= warmup) {
                    samples.get(variant).add(sample);
                }
            }
            afterRound.run();
        }
        Map<Probed, double[]> medians = new LinkedHashMap<>();
        samples.forEach((variant, list) -> {
            double[] median = new double[3];
            for (int k = 0; k < 3; k++) {
                int column = k;
                median[k] = median(list.stream().mapToDouble(s -> s[column]).sorted().toArray());
            }
            medians.put(variant, median);
        });
        System.out.println("(" + rounds + " measured rounds of " + calls + " calls after " + warmup + " warm-up rounds; last result: "
                + sink + ")");
        return medians;
    }

    /** Prints the probe's medians as a Markdown table, with each variant's ratios to the operation's {@code baseline} variant. */
    static void print(String title, Map<Probed, double[]> medians, String baseline) {
        System.out.println("| " + title + ": operation | variant | CPU µs/op | × " + baseline + " (CPU) | wall µs/op | × " + baseline
                + " (wall) | bytes/op |");
        System.out.println("|:--|:--|--:|--:|--:|--:|--:|");
        Map<String, double[]> base = new LinkedHashMap<>();
        medians.forEach((variant, median) -> {
            if (variant.variant().equals(baseline)) {
                base.put(variant.operation(), median);
            }
        });
        medians.forEach((variant, median) -> {
            double[] b = base.get(variant.operation());
            System.out.printf("| %s | %s | %.1f | %.2f | %.1f | %.2f | %,.0f |%n", variant.operation(), variant.variant(), median[0],
                    median[0] / b[0], median[1], median[1] / b[1], median[2]);
        });
    }

    private static double median(double[] sorted) {
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static final String INSERT_ONE = "insert one row";
    private static final String UPDATE_ONE = "update one row";
    private static final String DELETE_ONE = "delete one row";
    private static final String INSERT_MANY = "insert 100 rows, one statement";

    /** Runs one probed write: {@code id} is the user a delete deletes. */
    private int write(String operation, String variant, long id) {
        boolean jooq = variant.equals("jooq");
        boolean audit = variant.equals("kyseraAudit");
        return switch (operation) {
            case INSERT_ONE -> jooq ? auditInsert_jooq() : audit ? auditInsert_kyseraAudit() : auditInsert_kysera();
            case UPDATE_ONE -> jooq ? auditUpdate_jooq() : audit ? auditUpdate_kyseraAudit() : auditUpdate_kysera();
            case DELETE_ONE -> jooq ? auditDelete_jooq(id) : audit ? auditDelete_kyseraAudit(id) : auditDelete_kysera(id);
            default -> jooq ? auditInsertMany_jooq() : audit ? auditInsertMany_kyseraAudit() : auditInsertMany_kysera();
        };
    }

    /**
     * The {@link #probe} of every write, with and without audit. On PostgreSQL the server's own work (each extra
     * statement audit sends) is not in the client's CPU time; the wall time shows it, noisily on a busy machine.
     *
     * <p>{@code java -cp kysera-benchmarks.jar dev.kysera.benchmarks.AuditBenchmark [sqlite|postgres] [rounds] [callsPerRound]}
     *
     * @param args the database, the measured rounds and the writes per round
     * @throws Exception when the database cannot be set up
     */
    public static void main(String[] args) throws Exception {
        String database = args.length > 0 ? args[0] : "sqlite";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        int calls = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        AuditBenchmark bench = new AuditBenchmark();
        bench.database = database;
        bench.setUp();
        List<Probed> variants = new ArrayList<>();
        for (String operation : List.of(INSERT_ONE, UPDATE_ONE, DELETE_ONE, INSERT_MANY)) {
            boolean deleting = operation.equals(DELETE_ONE);
            for (String variant : List.of("jooq", "kysera", "kyseraAudit")) {
                // A hundred rows per call: a twentieth of the calls keeps the rounds alike.
                variants.add(new Probed(operation, variant, deleting ? bench::createUsersToDelete : n -> null,
                        (state, i) -> bench.write(operation, variant, deleting ? (Long) state + i : 0), operation.equals(INSERT_MANY) ? 20 : 1));
            }
        }
        Map<Probed, double[]> medians = probe(variants, rounds, calls, () -> {
            try {
                bench.cleanUp();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        print(database, medians, "jooq");
        // The same write through the same executor, in the same transaction shape, without audit: the fair baseline.
        print(database, medians, "kysera");
        bench.tearDown();
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
