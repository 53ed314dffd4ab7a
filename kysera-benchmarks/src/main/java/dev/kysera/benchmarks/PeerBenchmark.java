package dev.kysera.benchmarks;

import static dev.kysera.testsupport.schema.Tables.POSTS;
import static dev.kysera.testsupport.schema.Tables.USERS;

import dev.kysera.benchmarks.Rows.NewUser;
import dev.kysera.benchmarks.Rows.UserPostRow;
import dev.kysera.benchmarks.Rows.UserRow;
import dev.kysera.dal.DbContext;
import dev.kysera.dal.DbQuery;
import dev.kysera.executor.Executor;
import dev.kysera.executor.StatementShape;
import dev.kysera.repository.Repository;
import dev.kysera.repository.Values;
import dev.kysera.softdelete.SoftDeletePlugin;
import dev.kysera.timestamps.TimestampsPlugin;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hibernate.SessionFactory;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep4;
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
 * Issue 17's comparison: four operations — find by id, user + posts join, insert one, create-many
 * of 1,000 in one transaction — through raw JDBC, plain jOOQ, Jdbi 3, Hibernate 7 and Kysera, on the
 * same {@link BenchDatabase} (SQLite in memory on one connection, PostgreSQL through one HikariCP
 * pool of 4).
 *
 * <p>Every variant does the same work for the database: reads see rows whose {@code deleted_at}
 * is null, inserts set {@code created_at} and {@code updated_at}. Each variant is written as its
 * users write it:
 * <ul>
 *   <li>{@code jdbcReused}: statements prepared once per trial on one held connection;
 *       {@code jdbcBatch} (create-many): {@code addBatch()} per row with generated keys in a
 *       transaction (on SQLite, whose driver returns no keys for a batch, one execute per row).</li>
 *   <li>{@code jooq}: a plain {@link DSLContext}, filters and timestamps written by hand.</li>
 *   <li>{@code jdbi}: {@link Jdbi#withHandle} per operation with SQL and a lambda {@link RowMapper};
 *       create-many as a {@link PreparedBatch} (per-row updates on SQLite) in {@code inTransaction}.</li>
 *   <li>{@code hibernate}: a {@code Session} per operation — {@code find} for find by id, an HQL
 *       entity join for the join, {@code persist} in a transaction for inserts.</li>
 *   <li>{@code kysera}: an executor without plugins, a {@link Repository} for users and a DAL
 *       {@link DbQuery} for the join, filters and timestamps written by hand.</li>
 *   <li>{@code kyseraPlugins}: the same repository and DAL function over an executor with
 *       {@link SoftDeletePlugin} and {@link TimestampsPlugin}, which add the filters and the
 *       timestamps; no filter or timestamp in the calling code.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PeerBenchmark {

    /** Rows per create-many. */
    static final int MANY = 1_000;

    static final String FIND_SQL = "select id, email, name from users where id = ? and deleted_at is null";
    static final String JOIN_SQL = "select u.id, u.name, p.id, p.title from users u join posts p on p.user_id = u.id"
            + " where u.id = ? and u.deleted_at is null and p.deleted_at is null order by p.id";
    static final String INSERT_SQL = "insert into users (email, name, created_at, updated_at) values (?, ?, ?, ?)";
    static final String HQL_JOIN = "select u.id, u.name, p.id, p.title from UserEntity u join PostEntity p on p.userId = u.id"
            + " where u.id = :id order by p.id";

    private static final RowMapper<UserRow> JDBI_USER = (rs, ctx) -> new UserRow(rs.getLong(1), rs.getString(2), rs.getString(3));
    private static final RowMapper<UserPostRow> JDBI_USER_POST =
            (rs, ctx) -> new UserPostRow(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4));

    /** The DAL function of the join, filters by hand (for the executor without plugins). */
    static final DbQuery<Long, List<UserPostRow>> USER_POSTS_FILTERED = DbQuery.of((ctx, id) -> userPostsFiltered(ctx.dsl(), id));

    /** The join as a statement shape, planned once by the executor and then run without jOOQ's render and execution. */
    static final StatementShape USER_POSTS_SHAPE = StatementShape.of((dsl, arguments) -> dsl
            .select(USERS.ID, USERS.NAME, POSTS.ID, POSTS.TITLE)
            .from(USERS).join(POSTS).on(POSTS.USER_ID.eq(USERS.ID))
            .where(USERS.ID.eq(arguments.value(0, USERS.ID)))
            .orderBy(POSTS.ID));

    /** The same DAL function running its statement as a shape. */
    static final DbQuery<Long, List<UserPostRow>> USER_POSTS_SHAPED = DbQuery.of((ctx, id) -> ctx.executor()
            .fetch(USER_POSTS_SHAPE, id)
            .map(r -> new UserPostRow(r.get(USERS.ID), r.get(USERS.NAME), r.get(POSTS.ID), r.get(POSTS.TITLE))));

    /** The same DAL function as its users write it with soft delete on: no filter. */
    static final DbQuery<Long, List<UserPostRow>> USER_POSTS = DbQuery.of((ctx, id) -> ctx.dsl()
            .select(USERS.ID, USERS.NAME, POSTS.ID, POSTS.TITLE)
            .from(USERS).join(POSTS).on(POSTS.USER_ID.eq(USERS.ID))
            .where(USERS.ID.eq(id))
            .orderBy(POSTS.ID)
            .fetch(Records.mapping(UserPostRow::new)));

    private static List<UserPostRow> userPostsFiltered(DSLContext dsl, long id) {
        return dsl.select(USERS.ID, USERS.NAME, POSTS.ID, POSTS.TITLE)
                .from(USERS).join(POSTS).on(POSTS.USER_ID.eq(USERS.ID))
                .where(USERS.ID.eq(id)).and(USERS.DELETED_AT.isNull()).and(POSTS.DELETED_AT.isNull())
                .orderBy(POSTS.ID)
                .fetch(Records.mapping(UserPostRow::new));
    }

    @Param({"sqlite", "postgres"})
    public String database;

    BenchDatabase db;
    DSLContext jooq;
    Jdbi jdbi;
    SessionFactory hibernate;
    Executor noPlugins;
    Executor withPlugins;
    DbContext noPluginsCtx;
    DbContext withPluginsCtx;
    Repository<UserRow, Long, NewUser, Values> repo;
    Repository<UserRow, Long, NewUser, Values> repoPlugins;
    Connection held;
    PreparedStatement findReused;
    PreparedStatement joinReused;
    PreparedStatement insertReused;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        db = BenchDatabase.open(database);
        db.deleteCreatedUsers();
        jooq = db.dsl();
        held = db.borrow();
        jdbi = isSqlite() ? Jdbi.create(new ConnectionFactory() {
            @Override
            public Connection openConnection() {
                return held;
            }

            @Override
            public void closeConnection(Connection connection) {
                // the one in-memory connection stays open for the trial
            }
        }) : Jdbi.create(db.dataSource());
        hibernate = HibernateUsers.sessionFactory(db, held);
        noPlugins = Executor.builder().dsl(jooq).build();
        withPlugins = Executor.builder().dsl(jooq).plugin(SoftDeletePlugin.create()).plugin(TimestampsPlugin.create()).build();
        noPluginsCtx = DbContext.of(noPlugins);
        withPluginsCtx = DbContext.of(withPlugins);
        repo = RepositoryBenchmark.users(noPlugins, true, false);
        repoPlugins = RepositoryBenchmark.users(withPlugins, false, false);
        findReused = held.prepareStatement(FIND_SQL);
        joinReused = held.prepareStatement(JOIN_SQL);
        insertReused = isSqlite()
                ? held.prepareStatement(INSERT_SQL, Statement.RETURN_GENERATED_KEYS)
                : held.prepareStatement(INSERT_SQL, new String[] {"id"});
    }

    @TearDown(Level.Iteration)
    public void deleteCreatedUsers() throws SQLException {
        db.deleteCreatedUsers();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        try {
            findReused.close();
            joinReused.close();
            insertReused.close();
            hibernate.close();
            db.giveBack(held);
            db.deleteCreatedUsers();
            noPlugins.close();
            withPlugins.close();
        } finally {
            db.close();
        }
    }

    private boolean isSqlite() {
        return db.dialect().family() == SQLDialect.SQLITE;
    }

    /** A timestamp as raw JDBC and Jdbi bind it: ISO-8601 text on SQLite (the schema's TEXT columns), a LocalDateTime elsewhere. */
    private Object timestamp(LocalDateTime now) {
        return isSqlite() ? Timestamp.valueOf(now).toString() : now;
    }

    private static Condition live() {
        return USERS.DELETED_AT.isNull();
    }

    // ------------------------------------------------------------------ find by id

    @Benchmark
    public UserRow peerFindById_jdbcReused(QueryBenchmark.Ids ids) throws SQLException {
        findReused.setLong(1, ids.next());
        try (ResultSet rs = findReused.executeQuery()) {
            return rs.next() ? new UserRow(rs.getLong(1), rs.getString(2), rs.getString(3)) : null;
        }
    }

    @Benchmark
    public UserRow peerFindById_jooq(QueryBenchmark.Ids ids) {
        return jooq.select(USERS.ID, USERS.EMAIL, USERS.NAME).from(USERS).where(USERS.ID.eq(ids.next())).and(live())
                .fetchOptional(Records.mapping(UserRow::new)).orElse(null);
    }

    @Benchmark
    public UserRow peerFindById_jdbi(QueryBenchmark.Ids ids) {
        long id = ids.next();
        return jdbi.withHandle(h -> h.createQuery(FIND_SQL).bind(0, id).map(JDBI_USER).findOne().orElse(null));
    }

    @Benchmark
    public UserRow peerFindById_hibernate(QueryBenchmark.Ids ids) {
        long id = ids.next();
        return hibernate.fromSession(s -> {
            HibernateUsers.UserEntity user = s.find(HibernateUsers.UserEntity.class, id);
            return user == null ? null : user.row();
        });
    }

    @Benchmark
    public UserRow peerFindById_kysera(QueryBenchmark.Ids ids) {
        return repo.findOne(USERS.ID.eq(ids.next()).and(live())).orElse(null);
    }

    @Benchmark
    public UserRow peerFindById_kyseraPlugins(QueryBenchmark.Ids ids) {
        return repoPlugins.findById(ids.next()).orElse(null);
    }

    // ------------------------------------------------------------------ user + posts join

    @Benchmark
    public List<UserPostRow> peerUserPosts_jdbcReused(QueryBenchmark.Ids ids) throws SQLException {
        joinReused.setLong(1, ids.next());
        List<UserPostRow> rows = new ArrayList<>(BenchDatabase.POSTS_PER_USER);
        try (ResultSet rs = joinReused.executeQuery()) {
            while (rs.next()) {
                rows.add(new UserPostRow(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4)));
            }
        }
        return rows;
    }

    @Benchmark
    public List<UserPostRow> peerUserPosts_jooq(QueryBenchmark.Ids ids) {
        return userPostsFiltered(jooq, ids.next());
    }

    @Benchmark
    public List<UserPostRow> peerUserPosts_jdbi(QueryBenchmark.Ids ids) {
        long id = ids.next();
        return jdbi.withHandle(h -> h.createQuery(JOIN_SQL).bind(0, id).map(JDBI_USER_POST).list());
    }

    @Benchmark
    public List<UserPostRow> peerUserPosts_hibernate(QueryBenchmark.Ids ids) {
        long id = ids.next();
        return hibernate.fromSession(s -> s.createSelectionQuery(HQL_JOIN, UserPostRow.class).setParameter("id", id).getResultList());
    }

    @Benchmark
    public List<UserPostRow> peerUserPosts_kysera(QueryBenchmark.Ids ids) {
        return USER_POSTS_FILTERED.run(noPluginsCtx, ids.next());
    }

    @Benchmark
    public List<UserPostRow> peerUserPosts_kyseraPlugins(QueryBenchmark.Ids ids) {
        return USER_POSTS.run(withPluginsCtx, ids.next());
    }

    @Benchmark
    public List<UserPostRow> peerUserPosts_kyseraPluginsShape(QueryBenchmark.Ids ids) {
        return USER_POSTS_SHAPED.run(withPluginsCtx, ids.next());
    }

    // ------------------------------------------------------------------ insert one

    @Benchmark
    public UserRow peerCreate_jdbcReused(RepositoryBenchmark.Inputs inputs) throws SQLException {
        NewUser user = inputs.next();
        return new UserRow(insertOne(user, timestamp(LocalDateTime.now())), user.email(), user.name());
    }

    private long insertOne(NewUser user, Object now) throws SQLException {
        bind(user, now);
        insertReused.executeUpdate();
        return RepositoryBenchmark.generatedKey(insertReused);
    }

    private void bind(NewUser user, Object now) throws SQLException {
        insertReused.setString(1, user.email());
        insertReused.setString(2, user.name());
        insertReused.setObject(3, now);
        insertReused.setObject(4, now);
    }

    @Benchmark
    public UserRow peerCreate_jooq(RepositoryBenchmark.Inputs inputs) {
        NewUser user = inputs.next();
        LocalDateTime now = LocalDateTime.now();
        return jooq.insertInto(USERS)
                .set(USERS.EMAIL, user.email()).set(USERS.NAME, user.name())
                .set(USERS.CREATED_AT, now).set(USERS.UPDATED_AT, now)
                .returningResult(USERS.ID, USERS.EMAIL, USERS.NAME)
                .fetchOne(Records.mapping(UserRow::new));
    }

    @Benchmark
    public UserRow peerCreate_jdbi(RepositoryBenchmark.Inputs inputs) {
        NewUser user = inputs.next();
        Object now = timestamp(LocalDateTime.now());
        long id = jdbi.withHandle(h -> insertJdbi(h, user, now));
        return new UserRow(id, user.email(), user.name());
    }

    private long insertJdbi(Handle handle, NewUser user, Object now) {
        return handle.createUpdate(INSERT_SQL).bind(0, user.email()).bind(1, user.name()).bind(2, now).bind(3, now)
                .executeAndReturnGeneratedKeys(generatedKeyColumns()).mapTo(Long.class).one();
    }

    /** sqlite-jdbc answers generated keys only when asked without column names. */
    private String[] generatedKeyColumns() {
        return isSqlite() ? new String[0] : new String[] {"id"};
    }

    @Benchmark
    public UserRow peerCreate_hibernate(RepositoryBenchmark.Inputs inputs) {
        NewUser user = inputs.next();
        return hibernate.fromTransaction(s -> {
            HibernateUsers.UserEntity entity = new HibernateUsers.UserEntity(user.email(), user.name());
            s.persist(entity);
            return entity.row();
        });
    }

    @Benchmark
    public UserRow peerCreate_kysera(RepositoryBenchmark.Inputs inputs) {
        return repo.create(inputs.next());
    }

    @Benchmark
    public UserRow peerCreate_kyseraPlugins(RepositoryBenchmark.Inputs inputs) {
        return repoPlugins.create(inputs.next());
    }

    // ------------------------------------------------------------------ create many, one transaction

    @Benchmark
    public List<Long> peerCreateMany_jdbcBatch(RepositoryBenchmark.Inputs inputs) throws SQLException {
        Object now = timestamp(LocalDateTime.now());
        return RepositoryBenchmark.naiveBatch(held, insertReused, isSqlite(), inputs.next(MANY), user -> bind(user, now));
    }

    @Benchmark
    public List<Long> peerCreateMany_jooq(RepositoryBenchmark.Inputs inputs) {
        List<NewUser> users = inputs.next(MANY);
        LocalDateTime now = LocalDateTime.now();
        return jooq.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            if (isSqlite()) {
                // jOOQ reads SQLite keys through last_insert_rowid(), which names only a multi-row INSERT's last row.
                List<Long> ids = new ArrayList<>(MANY);
                for (NewUser user : users) {
                    ids.add(tx.insertInto(USERS, USERS.EMAIL, USERS.NAME, USERS.CREATED_AT, USERS.UPDATED_AT)
                            .values(user.email(), user.name(), now, now).returningResult(USERS.ID).fetchOne(USERS.ID));
                }
                return ids;
            }
            InsertValuesStep4<?, String, String, LocalDateTime, LocalDateTime> insert =
                    tx.insertInto(USERS, USERS.EMAIL, USERS.NAME, USERS.CREATED_AT, USERS.UPDATED_AT);
            for (NewUser user : users) {
                insert = insert.values(user.email(), user.name(), now, now);
            }
            return insert.returningResult(USERS.ID).fetch(USERS.ID);
        });
    }

    @Benchmark
    public List<Long> peerCreateMany_jdbi(RepositoryBenchmark.Inputs inputs) {
        List<NewUser> users = inputs.next(MANY);
        Object now = timestamp(LocalDateTime.now());
        return jdbi.inTransaction(h -> {
            if (isSqlite()) {
                List<Long> ids = new ArrayList<>(MANY);
                for (NewUser user : users) {
                    ids.add(insertJdbi(h, user, now));
                }
                return ids;
            }
            PreparedBatch batch = h.prepareBatch(INSERT_SQL);
            for (NewUser user : users) {
                batch.bind(0, user.email()).bind(1, user.name()).bind(2, now).bind(3, now).add();
            }
            return batch.executePreparedBatch("id").mapTo(Long.class).list();
        });
    }

    @Benchmark
    public List<Long> peerCreateMany_hibernate(RepositoryBenchmark.Inputs inputs) {
        List<NewUser> users = inputs.next(MANY);
        return hibernate.fromTransaction(s -> {
            List<HibernateUsers.UserEntity> entities = new ArrayList<>(MANY);
            for (NewUser user : users) {
                HibernateUsers.UserEntity entity = new HibernateUsers.UserEntity(user.email(), user.name());
                s.persist(entity);
                entities.add(entity);
            }
            List<Long> ids = new ArrayList<>(MANY);
            entities.forEach(entity -> ids.add(entity.id));
            return ids;
        });
    }

    @Benchmark
    public List<Long> peerCreateMany_kysera(RepositoryBenchmark.Inputs inputs) {
        return RepositoryBenchmark.ids(repo.createMany(inputs.next(MANY)));
    }

    @Benchmark
    public List<Long> peerCreateMany_kyseraPlugins(RepositoryBenchmark.Inputs inputs) {
        return RepositoryBenchmark.ids(repoPlugins.createMany(inputs.next(MANY)));
    }

}
