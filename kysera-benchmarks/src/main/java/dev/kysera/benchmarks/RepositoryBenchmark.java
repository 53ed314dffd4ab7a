package dev.kysera.benchmarks;

import static dev.kysera.testsupport.schema.Tables.USERS;

import dev.kysera.benchmarks.Rows.NewUser;
import dev.kysera.benchmarks.Rows.UserRow;
import dev.kysera.core.page.KeysetRequest;
import dev.kysera.core.page.Paginator;
import dev.kysera.core.page.Sort;
import dev.kysera.core.page.SortKey;
import dev.kysera.executor.Executor;
import dev.kysera.repository.Repository;
import dev.kysera.repository.Values;
import dev.kysera.repository.validation.ValidationSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntToLongFunction;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep5;
import org.jooq.Records;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
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
 * The repository's four hot paths — find by id, create one row, create 1,000 rows, one keyset
 * page — against raw JDBC and plain jOOQ, on SQLite in memory and PostgreSQL (the same
 * {@link BenchDatabase} as {@link QueryBenchmark}).
 *
 * <p>As in {@link QueryBenchmark}, every variant does the same work for the database: reads see
 * users of tenant 1 that are not soft-deleted, writes insert users of tenant 1 with
 * {@code created_at}/{@code updated_at} set. Raw JDBC, plain jOOQ and the repository without
 * plugins write the filters and the timestamps by hand; the repository with plugins leaves them
 * out and the executor's plugins (soft delete, tenant, {@link BenchPlugins.Timestamps}) add them.
 *
 * <ul>
 *   <li>{@code jdbcReused}: prepared statements prepared once per trial on one held connection
 *       (inserts with generated keys).</li>
 *   <li>{@code jdbcBatch} (create-many): the naive batch — one row per {@code addBatch()}, one
 *       {@code executeBatch()}, generated keys, in a transaction. sqlite-jdbc returns no generated
 *       keys for a batch, so on SQLite it is one {@code executeUpdate()} + {@code getGeneratedKeys()}
 *       per row, in a transaction.</li>
 *   <li>{@code jdbcMultiRow} (create-many): one {@code INSERT … VALUES (…), (…) … RETURNING id}
 *       of 1,000 rows (5,000 bind values), prepared once.</li>
 *   <li>{@code jooq}: a plain {@link DSLContext}. Create-many is one multi-row INSERT … RETURNING on
 *       PostgreSQL; on SQLite jOOQ reads generated keys through {@code last_insert_rowid()}, which
 *       names only a multi-row INSERT's last row, so it is one INSERT per row in a transaction.</li>
 *   <li>{@code kyseraRepo}: a {@link Repository} over an executor with no plugins; reads use
 *       {@code findOne}/{@code findKeyset} with the filters written by hand.</li>
 *   <li>{@code kyseraRepoPlugins}: the same repository over an executor with the soft-delete,
 *       tenant and timestamps plugins, derived once with the tenant; {@code findById} and
 *       {@code findKeyset} with no condition.</li>
 * </ul>
 *
 * <p>Created users are deleted after every iteration (and vacuumed on PostgreSQL), so the table
 * stays at the seeded 10,000 rows plus at most one iteration's inserts.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RepositoryBenchmark {

    /** Rows per keyset page. */
    static final int PAGE_SIZE = 20;
    /** Rows per create-many. */
    static final int MANY = 1_000;
    /** The keyset order: name, then id (unique). Both never NULL, so the seek is a row comparison. */
    static final Sort BY_NAME_ID = Sort.by(SortKey.asc(USERS.NAME).notNull(), SortKey.asc(USERS.ID).notNull());

    static final String INSERT_SQL = "insert into users (email, name, tenant_id, created_at, updated_at) values (?, ?, ?, ?, ?)";
    /** Fetches one row more than the page, as the repository does, to know whether a next page exists. */
    static final String KEYSET_SQL = "select id, email, name from users where tenant_id = ? and deleted_at is null"
            + " and (name, id) > (?, ?) order by name, id limit " + (PAGE_SIZE + 1);

    @Param({"sqlite", "postgres"})
    public String database;

    BenchDatabase db;
    DSLContext jooq;
    Executor noPlugins;
    Executor withPlugins;
    Executor tenantScoped;
    /** Over {@link #noPlugins}: the create input sets tenant and timestamps itself. */
    Repository<UserRow, Long, NewUser, Values> repo;
    /** Over the tenant-scoped executor with plugins: the create input sets the tenant, the plugin the timestamps. */
    Repository<UserRow, Long, NewUser, Values> repoPlugins;
    Connection held;
    PreparedStatement findByIdReused;
    PreparedStatement keysetReused;
    PreparedStatement insertReused;
    PreparedStatement multiRowReused;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        db = BenchDatabase.open(database);
        db.deleteCreatedUsers();
        jooq = db.dsl();
        noPlugins = Executor.builder().dsl(jooq).build();
        withPlugins = Executor.builder().dsl(jooq)
                .plugin(new BenchPlugins.SoftDeleteFilter())
                .plugin(new BenchPlugins.TenantFilter())
                .plugin(new BenchPlugins.Timestamps())
                .build();
        tenantScoped = withPlugins.with(BenchPlugins.TENANT, BenchDatabase.TENANT);
        repo = users(noPlugins, true, true);
        repoPlugins = users(tenantScoped, false, true);
        held = db.borrow();
        findByIdReused = held.prepareStatement(QueryBenchmark.FIND_BY_ID_SQL);
        keysetReused = held.prepareStatement(KEYSET_SQL);
        insertReused = isSqlite()
                ? held.prepareStatement(INSERT_SQL, Statement.RETURN_GENERATED_KEYS)
                : held.prepareStatement(INSERT_SQL, new String[] {"id"});
        multiRowReused = held.prepareStatement(multiRowInsertSql(MANY));
    }

    @TearDown(Level.Iteration)
    public void deleteCreatedUsers() throws SQLException {
        db.deleteCreatedUsers();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        try {
            findByIdReused.close();
            keysetReused.close();
            insertReused.close();
            multiRowReused.close();
            db.giveBack(held);
            db.deleteCreatedUsers();
            noPlugins.close();
            withPlugins.close();
        } finally {
            db.close();
        }
    }

    /**
     * The users repository the Kysera variants use: rows mapped to {@link UserRow}, created from
     * {@link NewUser} with the benchmark tenant if {@code withTenant}, and both timestamps if
     * {@code timestampsByHand} (otherwise a plugin sets them).
     */
    static Repository<UserRow, Long, NewUser, Values> users(Executor executor, boolean timestampsByHand, boolean withTenant) {
        return Repository.builder(USERS, USERS.ID)
                .select(USERS.ID, USERS.EMAIL, USERS.NAME)
                .mapper(r -> new UserRow(r.get(USERS.ID), r.get(USERS.EMAIL), r.get(USERS.NAME)))
                .create((NewUser u) -> {
                    Values named = Values.of(USERS.EMAIL, u.email()).set(USERS.NAME, u.name());
                    Values values = withTenant ? named.set(USERS.TENANT_ID, BenchDatabase.TENANT) : named;
                    if (!timestampsByHand) {
                        return values;
                    }
                    LocalDateTime now = LocalDateTime.now();
                    return values.set(USERS.CREATED_AT, now).set(USERS.UPDATED_AT, now);
                }, ValidationSchema.none())
                .build(executor);
    }

    private boolean isSqlite() {
        return db.dialect().family() == SQLDialect.SQLITE;
    }

    static String multiRowInsertSql(int rows) {
        StringBuilder sql = new StringBuilder("insert into users (email, name, tenant_id, created_at, updated_at) values ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?)");
        }
        return sql.append(" returning id").toString();
    }

    /** Binds one user's five insert values from {@code offset + 1}. */
    private void bindUser(PreparedStatement statement, int offset, NewUser user, LocalDateTime now) throws SQLException {
        statement.setString(offset + 1, user.email());
        statement.setString(offset + 2, user.name());
        statement.setInt(offset + 3, BenchDatabase.TENANT);
        if (isSqlite()) {
            // SQLite keeps timestamps as ISO-8601 text.
            String text = Timestamp.valueOf(now).toString();
            statement.setString(offset + 4, text);
            statement.setString(offset + 5, text);
        } else {
            statement.setObject(offset + 4, now);
            statement.setObject(offset + 5, now);
        }
    }

    /** New users to create: unique e-mails from a per-trial prefix and a counter. */
    @State(Scope.Thread)
    public static class Inputs {
        private String prefix;
        private long next;

        @Setup(Level.Trial)
        public void setUp() {
            prefix = "new-" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36) + "-";
        }

        /** Inputs with a known prefix, counting from 0: for running benchmark methods outside JMH. */
        public static Inputs fixed(String prefix) {
            Inputs inputs = new Inputs();
            inputs.prefix = prefix;
            return inputs;
        }

        NewUser next() {
            long n = next++;
            return new NewUser(prefix + n + "@example.com", "New user " + n);
        }

        List<NewUser> next(int count) {
            List<NewUser> users = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                users.add(next());
            }
            return users;
        }
    }

    /**
     * Keyset boundaries: pre-generated, uniformly random over all users, each as the (name, id)
     * pair raw JDBC and jOOQ seek after and as the cursor the repository would have handed out for
     * a page ending at that row.
     */
    @State(Scope.Thread)
    public static class Pages {
        private static final int MASK = 255;
        private String[] names;
        private long[] ids;
        private String[] cursors;
        private int current = -1;

        @Setup(Level.Trial)
        public void setUp() {
            SplittableRandom random = new SplittableRandom(20_260_102L);
            fill(i -> random.nextLong(1, BenchDatabase.USERS + 1));
        }

        /** Always the same boundary: for running benchmark methods outside JMH. */
        public static Pages fixed(long userId) {
            Pages pages = new Pages();
            pages.fill(i -> userId);
            return pages;
        }

        private void fill(IntToLongFunction userIds) {
            names = new String[MASK + 1];
            ids = new long[MASK + 1];
            cursors = new String[MASK + 1];
            Paginator paginator = Paginator.defaults();
            DSLContext renderless = DSL.using(SQLDialect.DEFAULT);
            for (int i = 0; i <= MASK; i++) {
                ids[i] = userIds.applyAsLong(i);
                names[i] = "User " + ids[i];
                cursors[i] = paginator.cursorFor(BY_NAME_ID, renderless.newRecord(USERS.NAME, USERS.ID).values(names[i], ids[i]), false);
            }
        }

        /** Moves to the next boundary. */
        Pages advance() {
            current = (current + 1) & MASK;
            return this;
        }

        String name() {
            return names[current];
        }

        long id() {
            return ids[current];
        }

        KeysetRequest request() {
            return KeysetRequest.of(PAGE_SIZE, cursors[current]);
        }
    }

    private static Condition visibleUsers() {
        return USERS.TENANT_ID.eq(BenchDatabase.TENANT).and(USERS.DELETED_AT.isNull());
    }

    // ------------------------------------------------------------------ find by id

    @Benchmark
    public UserRow repoFindById_jdbcReused(QueryBenchmark.Ids ids) throws SQLException {
        return QueryBenchmark.findUser(findByIdReused, ids.next());
    }

    @Benchmark
    public UserRow repoFindById_jooq(QueryBenchmark.Ids ids) {
        return QueryBenchmark.findUserFiltered(jooq, ids.next());
    }

    /** {@code findOne(id = ? and filters)}: findById's code path with the filters written by hand. */
    @Benchmark
    public UserRow repoFindById_kyseraRepo(QueryBenchmark.Ids ids) {
        return repo.findOne(USERS.ID.eq(ids.next()).and(visibleUsers())).orElse(null);
    }

    @Benchmark
    public UserRow repoFindById_kyseraRepoPlugins(QueryBenchmark.Ids ids) {
        return repoPlugins.findById(ids.next()).orElse(null);
    }

    // ------------------------------------------------------------------ create one

    @Benchmark
    public UserRow repoCreate_jdbcReused(Inputs inputs) throws SQLException {
        NewUser user = inputs.next();
        bindUser(insertReused, 0, user, LocalDateTime.now());
        insertReused.executeUpdate();
        return new UserRow(generatedKey(insertReused), user.email(), user.name());
    }

    @Benchmark
    public UserRow repoCreate_jooq(Inputs inputs) {
        NewUser user = inputs.next();
        LocalDateTime now = LocalDateTime.now();
        return jooq.insertInto(USERS)
                .set(USERS.EMAIL, user.email())
                .set(USERS.NAME, user.name())
                .set(USERS.TENANT_ID, BenchDatabase.TENANT)
                .set(USERS.CREATED_AT, now)
                .set(USERS.UPDATED_AT, now)
                .returningResult(USERS.ID, USERS.EMAIL, USERS.NAME)
                .fetchOne(Records.mapping(UserRow::new));
    }

    @Benchmark
    public UserRow repoCreate_kyseraRepo(Inputs inputs) {
        return repo.create(inputs.next());
    }

    @Benchmark
    public UserRow repoCreate_kyseraRepoPlugins(Inputs inputs) {
        return repoPlugins.create(inputs.next());
    }

    // ------------------------------------------------------------------ create many

    @Benchmark
    public List<Long> repoCreateMany_jdbcBatch(Inputs inputs) throws SQLException {
        LocalDateTime now = LocalDateTime.now();
        return naiveBatch(held, insertReused, isSqlite(), inputs.next(MANY), user -> bindUser(insertReused, 0, user, now));
    }

    /** Binds one user's values into a reused insert statement. */
    @FunctionalInterface
    interface UserBinder {
        void bind(NewUser user) throws SQLException;
    }

    /**
     * The naive JDBC create-many on {@code connection}, in a transaction: {@code addBatch()} per
     * row, one {@code executeBatch()}, the generated keys; on SQLite, whose driver returns no keys
     * for a batch, one {@code executeUpdate()} and {@code getGeneratedKeys()} per row.
     */
    static List<Long> naiveBatch(Connection connection, PreparedStatement insert, boolean sqlite, List<NewUser> users,
                                 UserBinder binder) throws SQLException {
        List<Long> ids = new ArrayList<>(users.size());
        connection.setAutoCommit(false);
        try {
            for (NewUser user : users) {
                binder.bind(user);
                if (sqlite) {
                    insert.executeUpdate();
                    ids.add(generatedKey(insert));
                } else {
                    insert.addBatch();
                }
            }
            if (!sqlite) {
                insert.executeBatch();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    while (keys.next()) {
                        ids.add(keys.getLong(1));
                    }
                }
            }
            connection.commit();
            return ids;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** The key of the row the statement just inserted. */
    static long generatedKey(PreparedStatement insert) throws SQLException {
        try (ResultSet keys = insert.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }

    @Benchmark
    public List<Long> repoCreateMany_jdbcMultiRow(Inputs inputs) throws SQLException {
        List<NewUser> users = inputs.next(MANY);
        LocalDateTime now = LocalDateTime.now();
        for (int i = 0; i < users.size(); i++) {
            bindUser(multiRowReused, i * 5, users.get(i), now);
        }
        List<Long> ids = new ArrayList<>(MANY);
        try (ResultSet rs = multiRowReused.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    @Benchmark
    public List<Long> repoCreateMany_jooq(Inputs inputs) {
        List<NewUser> users = inputs.next(MANY);
        LocalDateTime now = LocalDateTime.now();
        if (isSqlite()) {
            return jooq.transactionResult(configuration -> {
                DSLContext tx = configuration.dsl();
                List<Long> ids = new ArrayList<>(MANY);
                for (NewUser user : users) {
                    ids.add(tx.insertInto(USERS, USERS.EMAIL, USERS.NAME, USERS.TENANT_ID, USERS.CREATED_AT, USERS.UPDATED_AT)
                            .values(user.email(), user.name(), BenchDatabase.TENANT, now, now)
                            .returningResult(USERS.ID)
                            .fetchOne(USERS.ID));
                }
                return ids;
            });
        }
        InsertValuesStep5<?, String, String, Integer, LocalDateTime, LocalDateTime> insert =
                jooq.insertInto(USERS, USERS.EMAIL, USERS.NAME, USERS.TENANT_ID, USERS.CREATED_AT, USERS.UPDATED_AT);
        for (NewUser user : users) {
            insert = insert.values(user.email(), user.name(), BenchDatabase.TENANT, now, now);
        }
        return insert.returningResult(USERS.ID).fetch(USERS.ID);
    }

    @Benchmark
    public List<Long> repoCreateMany_kyseraRepo(Inputs inputs) {
        return ids(repo.createMany(inputs.next(MANY)));
    }

    @Benchmark
    public List<Long> repoCreateMany_kyseraRepoPlugins(Inputs inputs) {
        return ids(repoPlugins.createMany(inputs.next(MANY)));
    }

    static List<Long> ids(List<UserRow> rows) {
        List<Long> ids = new ArrayList<>(rows.size());
        for (UserRow row : rows) {
            ids.add(row.id());
        }
        return ids;
    }

    // ------------------------------------------------------------------ keyset page

    @Benchmark
    public List<UserRow> repoKeysetPage_jdbcReused(Pages pages) throws SQLException {
        Pages page = pages.advance();
        keysetReused.setInt(1, BenchDatabase.TENANT);
        keysetReused.setString(2, page.name());
        keysetReused.setLong(3, page.id());
        List<UserRow> rows = new ArrayList<>(PAGE_SIZE + 1);
        try (ResultSet rs = keysetReused.executeQuery()) {
            while (rs.next()) {
                rows.add(new UserRow(rs.getLong(1), rs.getString(2), rs.getString(3)));
            }
        }
        return rows.size() > PAGE_SIZE ? rows.subList(0, PAGE_SIZE) : rows;
    }

    @Benchmark
    public List<UserRow> repoKeysetPage_jooq(Pages pages) {
        Pages page = pages.advance();
        List<UserRow> rows = jooq.select(USERS.ID, USERS.EMAIL, USERS.NAME)
                .from(USERS)
                .where(visibleUsers())
                .and(DSL.row(USERS.NAME, USERS.ID).gt(page.name(), page.id()))
                .orderBy(USERS.NAME, USERS.ID)
                .limit(PAGE_SIZE + 1)
                .fetch(Records.mapping(UserRow::new));
        return rows.size() > PAGE_SIZE ? rows.subList(0, PAGE_SIZE) : rows;
    }

    @Benchmark
    public List<UserRow> repoKeysetPage_kyseraRepo(Pages pages) {
        return repo.findKeyset(visibleUsers(), BY_NAME_ID, pages.advance().request()).content();
    }

    @Benchmark
    public List<UserRow> repoKeysetPage_kyseraRepoPlugins(Pages pages) {
        return repoPlugins.findKeyset(DSL.noCondition(), BY_NAME_ID, pages.advance().request()).content();
    }
}
