package dev.kysera.benchmarks;

import static dev.kysera.testsupport.schema.Tables.POSTS;
import static dev.kysera.testsupport.schema.Tables.USERS;

import dev.kysera.benchmarks.Rows.UserPostRow;
import dev.kysera.benchmarks.Rows.UserRow;
import dev.kysera.executor.Executor;
import dev.kysera.rls.Masks;
import dev.kysera.rls.Policies;
import dev.kysera.rls.RlsContext;
import dev.kysera.rls.RlsOptions;
import dev.kysera.rls.RlsPlugin;
import dev.kysera.rls.Rule;
import dev.kysera.rls.TablePolicy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.Records;
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
 * The cost of row-level security (kysera-rls) against plain jOOQ and raw JDBC, in the same run.
 *
 * <p>Every variant returns the same rows: users (and their posts) of tenant 1. Raw JDBC, plain
 * jOOQ and the executor without plugins write {@code tenant_id = ?} by hand; the RLS variants
 * leave it out and the plugin's tenant-isolation policy adds it at render time.
 * {@code rlsMasked} also masks users' e-mail for everyone but its owner (a CASE in a derived
 * table), so it returns NULL e-mails: it measures field-level security, not the same rows.
 * Run with {@code java -jar kysera-benchmarks/target/kysera-benchmarks.jar RlsBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RlsBenchmark {

    static final String FIND_SQL = "select id, email, name from users where id = ? and tenant_id = ?";
    static final String POSTS_SQL = "select u.id, u.name, p.id, p.title from users u join posts p on p.user_id = u.id"
            + " where u.id = ? and u.tenant_id = ? and p.tenant_id = ? order by p.id";

    @Param({"sqlite", "postgres"})
    public String database;

    BenchDatabase db;
    DSLContext jooq;
    Executor noPlugins;
    Executor rlsExecutor;
    Executor maskedExecutor;
    DSLContext rls;
    DSLContext masked;
    Connection held;
    PreparedStatement findReused;
    PreparedStatement postsReused;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        db = BenchDatabase.open(database);
        jooq = db.dsl();
        noPlugins = Executor.builder().dsl(jooq).build();
        RlsContext context = RlsContext.of(1L, BenchDatabase.TENANT, "user");
        rlsExecutor = Executor.builder().dsl(jooq).plugin(RlsPlugin.of(options(false))).build();
        maskedExecutor = Executor.builder().dsl(jooq).plugin(RlsPlugin.of(options(true))).build();
        rls = rlsExecutor.with(RlsPlugin.CONTEXT, context).dsl();
        masked = maskedExecutor.with(RlsPlugin.CONTEXT, context).dsl();
        held = db.borrow();
        findReused = held.prepareStatement(FIND_SQL);
        postsReused = held.prepareStatement(POSTS_SQL);
    }

    static RlsOptions options(boolean maskEmail) {
        TablePolicy.Builder users = TablePolicy.forTable("users").add(Policies.tenantIsolation(USERS.TENANT_ID)).add(Policies.allowAll());
        if (maskEmail) {
            users.add(Rule.mask(USERS.EMAIL, s -> s.column(USERS.ID).eq(s.user(SQLDataType.BIGINT)), Masks.hidden()));
        }
        return RlsOptions.builder().policy(users.build())
                .policy(TablePolicy.forTable("posts").add(Policies.tenantIsolation(POSTS.TENANT_ID)).add(Policies.allowAll()).build())
                .build();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        try {
            findReused.close();
            postsReused.close();
            db.giveBack(held);
            noPlugins.close();
            rlsExecutor.close();
            maskedExecutor.close();
        } finally {
            db.close();
        }
    }

    // ------------------------------------------------------------------ one user by primary key

    @Benchmark
    public UserRow rlsFindById_jdbcReused(QueryBenchmark.Ids ids) throws SQLException {
        findReused.setLong(1, ids.next());
        findReused.setInt(2, BenchDatabase.TENANT);
        try (ResultSet rs = findReused.executeQuery()) {
            return rs.next() ? new UserRow(rs.getLong(1), rs.getString(2), rs.getString(3)) : null;
        }
    }

    @Benchmark
    public UserRow rlsFindById_jooq(QueryBenchmark.Ids ids) {
        return find(jooq, ids.next(), true);
    }

    @Benchmark
    public UserRow rlsFindById_kysera(QueryBenchmark.Ids ids) {
        return find(noPlugins.dsl(), ids.next(), true);
    }

    @Benchmark
    public UserRow rlsFindById_rls(QueryBenchmark.Ids ids) {
        return find(rls, ids.next(), false);
    }

    @Benchmark
    public UserRow rlsFindById_rlsMasked(QueryBenchmark.Ids ids) {
        return find(masked, ids.next(), false);
    }

    static UserRow find(DSLContext dsl, long id, boolean byHand) {
        return dsl.select(USERS.ID, USERS.EMAIL, USERS.NAME).from(USERS)
                .where(USERS.ID.eq(id))
                .and(byHand ? USERS.TENANT_ID.eq(BenchDatabase.TENANT) : org.jooq.impl.DSL.noCondition())
                .fetchOptional(Records.mapping(UserRow::new))
                .orElse(null);
    }

    // ------------------------------------------------------------------ a user joined with their posts

    @Benchmark
    public List<UserPostRow> rlsUserPosts_jdbcReused(QueryBenchmark.Ids ids) throws SQLException {
        postsReused.setLong(1, ids.next());
        postsReused.setInt(2, BenchDatabase.TENANT);
        postsReused.setInt(3, BenchDatabase.TENANT);
        List<UserPostRow> rows = new ArrayList<>(3);
        try (ResultSet rs = postsReused.executeQuery()) {
            while (rs.next()) {
                rows.add(new UserPostRow(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4)));
            }
        }
        return rows;
    }

    @Benchmark
    public List<UserPostRow> rlsUserPosts_jooq(QueryBenchmark.Ids ids) {
        return posts(jooq, ids.next(), true);
    }

    @Benchmark
    public List<UserPostRow> rlsUserPosts_kysera(QueryBenchmark.Ids ids) {
        return posts(noPlugins.dsl(), ids.next(), true);
    }

    @Benchmark
    public List<UserPostRow> rlsUserPosts_rls(QueryBenchmark.Ids ids) {
        return posts(rls, ids.next(), false);
    }

    static List<UserPostRow> posts(DSLContext dsl, long id, boolean byHand) {
        return dsl.select(USERS.ID, USERS.NAME, POSTS.ID, POSTS.TITLE).from(USERS).join(POSTS).on(POSTS.USER_ID.eq(USERS.ID))
                .where(USERS.ID.eq(id))
                .and(byHand ? USERS.TENANT_ID.eq(BenchDatabase.TENANT).and(POSTS.TENANT_ID.eq(BenchDatabase.TENANT))
                        : org.jooq.impl.DSL.noCondition())
                .orderBy(POSTS.ID)
                .fetch(Records.mapping(UserPostRow::new));
    }

    // ------------------------------------------------------------------ CPU-time probe

    /**
     * Thread CPU time per query of each variant ({@link AuditBenchmark#probe}: one warmed JVM, variants interleaved,
     * medians), with ratios to the executor without plugins, so the tenant filter's own cost shows on a machine
     * too busy for JMH's wall times.
     *
     * <p>{@code java -cp kysera-benchmarks.jar dev.kysera.benchmarks.RlsBenchmark [sqlite|postgres] [rounds] [callsPerRound]}
     *
     * @param args the database, the measured rounds and the queries per round
     * @throws Exception when the database cannot be set up
     */
    public static void main(String[] args) throws Exception {
        RlsBenchmark bench = new RlsBenchmark();
        bench.database = args.length > 0 ? args[0] : "sqlite";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        int calls = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
        bench.setUp();
        QueryBenchmark.Ids ids = new QueryBenchmark.Ids();
        ids.setUp();
        List<AuditBenchmark.Probed> variants = List.of(
                new AuditBenchmark.Probed("find by id", "jooq", n -> null, (s, i) -> bench.rlsFindById_jooq(ids), 1),
                new AuditBenchmark.Probed("find by id", "kysera", n -> null, (s, i) -> bench.rlsFindById_kysera(ids), 1),
                new AuditBenchmark.Probed("find by id", "rls", n -> null, (s, i) -> bench.rlsFindById_rls(ids), 1),
                new AuditBenchmark.Probed("find by id", "rlsMasked", n -> null, (s, i) -> bench.rlsFindById_rlsMasked(ids), 1),
                new AuditBenchmark.Probed("user with posts", "jooq", n -> null, (s, i) -> bench.rlsUserPosts_jooq(ids), 1),
                new AuditBenchmark.Probed("user with posts", "kysera", n -> null, (s, i) -> bench.rlsUserPosts_kysera(ids), 1),
                new AuditBenchmark.Probed("user with posts", "rls", n -> null, (s, i) -> bench.rlsUserPosts_rls(ids), 1));
        AuditBenchmark.print(bench.database, AuditBenchmark.probe(variants, rounds, calls, () -> {
        }), "kysera");
        bench.tearDown();
    }
}
