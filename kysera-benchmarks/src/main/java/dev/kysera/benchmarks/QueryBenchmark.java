package dev.kysera.benchmarks;

import static dev.kysera.testsupport.schema.Tables.POSTS;
import static dev.kysera.testsupport.schema.Tables.USERS;

import dev.kysera.benchmarks.Rows.UserPostRow;
import dev.kysera.benchmarks.Rows.UserRow;
import dev.kysera.executor.Executor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.Records;
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
 * Two read operations, each in six variants, on SQLite in memory and PostgreSQL.
 *
 * <p>Every variant runs the same query and returns the same rows: users and posts of tenant 1
 * that are not soft-deleted. Raw JDBC, plain jOOQ and the executor without plugins write those two
 * filters by hand; the executor with plugins leaves them out and its two plugins add them when the
 * statement renders. So the comparison is "filters written by hand" against "filters added by
 * plugins", with identical work for the database.
 *
 * <ul>
 *   <li>{@code jdbcReused}: one PreparedStatement, prepared once per trial, re-executed.</li>
 *   <li>{@code jdbcPerCall}: a connection from the pool (SQLite: the one connection) and a new
 *       PreparedStatement per call.</li>
 *   <li>{@code jooq}: a plain {@link DSLContext}, the statement built each call.</li>
 *   <li>{@code kysera}: {@link Executor#dsl()} of an executor with no plugins.</li>
 *   <li>{@code kyseraPlugins}: an executor with a tenant and a soft-delete plugin, derived once
 *       with the tenant ({@code executor.with(TENANT, 1)}).</li>
 *   <li>{@code kyseraPluginsUncached}: the same plugins with the plan cache off
 *       ({@code planCacheSize(0)}), every statement planned and rendered afresh.</li>
 *   <li>{@code kyseraPluginsScopedPerCall}: the same, but the tenant executor is derived on every call,
 *       as a request handler that sets the tenant per request would.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class QueryBenchmark {

    static final String FIND_BY_ID_SQL =
            "select id, email, name from users where id = ? and tenant_id = ? and deleted_at is null";
    static final String USER_POSTS_SQL = "select u.id, u.name, p.id, p.title from users u join posts p on p.user_id = u.id"
            + " where u.id = ? and u.tenant_id = ? and u.deleted_at is null and p.tenant_id = ? and p.deleted_at is null"
            + " order by p.id";

    @Param({"sqlite", "postgres"})
    public String database;

    BenchDatabase db;
    DSLContext jooq;
    Executor noPlugins;
    Executor withPlugins;
    Executor tenantScoped;
    Executor withPluginsUncached;
    Executor tenantScopedUncached;
    Connection held;
    PreparedStatement findByIdReused;
    PreparedStatement userPostsReused;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        db = BenchDatabase.open(database);
        jooq = db.dsl();
        noPlugins = Executor.builder().dsl(jooq).build();
        withPlugins = Executor.builder().dsl(jooq)
                .plugin(new BenchPlugins.SoftDeleteFilter())
                .plugin(new BenchPlugins.TenantFilter())
                .build();
        tenantScoped = withPlugins.with(BenchPlugins.TENANT, BenchDatabase.TENANT);
        withPluginsUncached = Executor.builder().dsl(jooq)
                .plugin(new BenchPlugins.SoftDeleteFilter())
                .plugin(new BenchPlugins.TenantFilter())
                .planCacheSize(0)
                .build();
        tenantScopedUncached = withPluginsUncached.with(BenchPlugins.TENANT, BenchDatabase.TENANT);
        held = db.borrow();
        findByIdReused = held.prepareStatement(FIND_BY_ID_SQL);
        userPostsReused = held.prepareStatement(USER_POSTS_SQL);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        try {
            findByIdReused.close();
            userPostsReused.close();
            db.giveBack(held);
            noPlugins.close();
            withPlugins.close();
            withPluginsUncached.close();
        } finally {
            db.close();
        }
    }

    /** User ids to look up: pre-generated, uniformly random over all users (about 85 % are visible). */
    @State(Scope.Thread)
    public static class Ids {
        private static final int MASK = 4095;
        private long[] ids;
        private int next;

        @Setup(Level.Trial)
        public void setUp() {
            SplittableRandom random = new SplittableRandom(20_260_101L);
            ids = new long[MASK + 1];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = random.nextLong(1, BenchDatabase.USERS + 1);
            }
        }

        /** Always the same id: for running benchmark methods outside JMH. */
        public static Ids fixed(long id) {
            Ids ids = new Ids();
            ids.ids = new long[MASK + 1];
            java.util.Arrays.fill(ids.ids, id);
            return ids;
        }

        long next() {
            return ids[next++ & MASK];
        }
    }

    // ------------------------------------------------------------------ find by primary key

    @Benchmark
    public UserRow findById_jdbcReused(Ids ids) throws SQLException {
        return findUser(findByIdReused, ids.next());
    }

    @Benchmark
    public UserRow findById_jdbcPerCall(Ids ids) throws SQLException {
        Connection connection = db.borrow();
        try (PreparedStatement statement = connection.prepareStatement(FIND_BY_ID_SQL)) {
            return findUser(statement, ids.next());
        } finally {
            db.giveBack(connection);
        }
    }

    static UserRow findUser(PreparedStatement statement, long id) throws SQLException {
        statement.setLong(1, id);
        statement.setInt(2, BenchDatabase.TENANT);
        try (ResultSet rs = statement.executeQuery()) {
            return rs.next() ? new UserRow(rs.getLong(1), rs.getString(2), rs.getString(3)) : null;
        }
    }

    @Benchmark
    public UserRow findById_jooq(Ids ids) {
        return findUserFiltered(jooq, ids.next());
    }

    @Benchmark
    public UserRow findById_kysera(Ids ids) {
        return findUserFiltered(noPlugins.dsl(), ids.next());
    }

    @Benchmark
    public UserRow findById_kyseraPlugins(Ids ids) {
        return findUserUnfiltered(tenantScoped.dsl(), ids.next());
    }

    @Benchmark
    public UserRow findById_kyseraPluginsUncached(Ids ids) {
        return findUserUnfiltered(tenantScopedUncached.dsl(), ids.next());
    }

    @Benchmark
    public UserRow findById_kyseraPluginsScopedPerCall(Ids ids) {
        return findUserUnfiltered(withPlugins.with(BenchPlugins.TENANT, BenchDatabase.TENANT).dsl(), ids.next());
    }

    static UserRow findUserFiltered(DSLContext dsl, long id) {
        return dsl.select(USERS.ID, USERS.EMAIL, USERS.NAME)
                .from(USERS)
                .where(USERS.ID.eq(id))
                .and(USERS.TENANT_ID.eq(BenchDatabase.TENANT))
                .and(USERS.DELETED_AT.isNull())
                .fetchOptional(Records.mapping(UserRow::new))
                .orElse(null);
    }

    private static UserRow findUserUnfiltered(DSLContext dsl, long id) {
        return dsl.select(USERS.ID, USERS.EMAIL, USERS.NAME)
                .from(USERS)
                .where(USERS.ID.eq(id))
                .fetchOptional(Records.mapping(UserRow::new))
                .orElse(null);
    }

    // ------------------------------------------------------------------ user + posts join

    @Benchmark
    public List<UserPostRow> userPosts_jdbcReused(Ids ids) throws SQLException {
        return userPosts(userPostsReused, ids.next());
    }

    @Benchmark
    public List<UserPostRow> userPosts_jdbcPerCall(Ids ids) throws SQLException {
        Connection connection = db.borrow();
        try (PreparedStatement statement = connection.prepareStatement(USER_POSTS_SQL)) {
            return userPosts(statement, ids.next());
        } finally {
            db.giveBack(connection);
        }
    }

    private static List<UserPostRow> userPosts(PreparedStatement statement, long id) throws SQLException {
        statement.setLong(1, id);
        statement.setInt(2, BenchDatabase.TENANT);
        statement.setInt(3, BenchDatabase.TENANT);
        List<UserPostRow> rows = new ArrayList<>(BenchDatabase.POSTS_PER_USER);
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                rows.add(new UserPostRow(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4)));
            }
        }
        return rows;
    }

    @Benchmark
    public List<UserPostRow> userPosts_jooq(Ids ids) {
        return userPostsFiltered(jooq, ids.next());
    }

    @Benchmark
    public List<UserPostRow> userPosts_kysera(Ids ids) {
        return userPostsFiltered(noPlugins.dsl(), ids.next());
    }

    @Benchmark
    public List<UserPostRow> userPosts_kyseraPlugins(Ids ids) {
        return userPostsUnfiltered(tenantScoped.dsl(), ids.next());
    }

    @Benchmark
    public List<UserPostRow> userPosts_kyseraPluginsUncached(Ids ids) {
        return userPostsUnfiltered(tenantScopedUncached.dsl(), ids.next());
    }

    @Benchmark
    public List<UserPostRow> userPosts_kyseraPluginsScopedPerCall(Ids ids) {
        return userPostsUnfiltered(withPlugins.with(BenchPlugins.TENANT, BenchDatabase.TENANT).dsl(), ids.next());
    }

    private static List<UserPostRow> userPostsFiltered(DSLContext dsl, long id) {
        return dsl.select(USERS.ID, USERS.NAME, POSTS.ID, POSTS.TITLE)
                .from(USERS)
                .join(POSTS).on(POSTS.USER_ID.eq(USERS.ID))
                .where(USERS.ID.eq(id))
                .and(USERS.TENANT_ID.eq(BenchDatabase.TENANT))
                .and(USERS.DELETED_AT.isNull())
                .and(POSTS.TENANT_ID.eq(BenchDatabase.TENANT))
                .and(POSTS.DELETED_AT.isNull())
                .orderBy(POSTS.ID)
                .fetch(Records.mapping(UserPostRow::new));
    }

    private static List<UserPostRow> userPostsUnfiltered(DSLContext dsl, long id) {
        return dsl.select(USERS.ID, USERS.NAME, POSTS.ID, POSTS.TITLE)
                .from(USERS)
                .join(POSTS).on(POSTS.USER_ID.eq(USERS.ID))
                .where(USERS.ID.eq(id))
                .orderBy(POSTS.ID)
                .fetch(Records.mapping(UserPostRow::new));
    }
}
