package dev.kysera.rls;

import static dev.kysera.rls.Fixtures.A1;
import static dev.kysera.rls.Fixtures.A2;
import static dev.kysera.rls.Fixtures.ALICE;
import static dev.kysera.rls.Fixtures.AS_ADMIN;
import static dev.kysera.rls.Fixtures.AS_ALICE;
import static dev.kysera.rls.Fixtures.AS_BOB;
import static dev.kysera.rls.Fixtures.AS_CAROL;
import static dev.kysera.rls.Fixtures.B1;
import static dev.kysera.rls.Fixtures.C1;
import static dev.kysera.rls.Fixtures.CAROL;
import static dev.kysera.rls.Fixtures.contents;
import static dev.kysera.testsupport.schema.Tables.POSTS;
import static dev.kysera.testsupport.schema.Tables.SETTINGS;
import static dev.kysera.testsupport.schema.Tables.TAGS;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.select;

import dev.kysera.executor.Executor;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Native PostgreSQL row-level security generated from the plugin's rules, tested as a role that
 * neither owns the tables nor is superuser (the owner and superusers bypass RLS otherwise): the
 * database itself hides and refuses rows, also to plain JDBC; app-level and native mode return the
 * same rows and refuse the same writes; the down migration removes everything.
 */
class RlsNativePostgresTest {

    /** The fixture policies: every rule of them can run in the database. */
    static RlsOptions.Builder options() {
        return Fixtures.options();
    }

    private String role;
    private PGSimpleDataSource app;
    private PostgresPolicies.Migration applied;

    /** Seeds, applies the native migration as the owner, and creates the application role. */
    private PostgresPolicies.Migration setUp(TestDatabase db) {
        Fixtures.seed(db);
        PostgresPolicies.Migration migration = PostgresPolicies.generate(options().build(), db.isolationName());
        migration.up().forEach(sql -> db.dsl().execute(sql));
        applied = migration;
        role = "kysera_rls_app_" + Long.toHexString(System.nanoTime());
        db.dsl().execute("create role " + role + " login nosuperuser nobypassrls");
        db.dsl().execute("grant usage on schema " + db.isolationName() + " to " + role);
        db.dsl().execute("grant select, insert, update, delete on all tables in schema " + db.isolationName() + " to " + role);
        app = new PGSimpleDataSource();
        app.setURL(db.jdbcUrl().replaceAll("([?&])user=[^&]*", "$1user=" + role));
        return migration;
    }

    private void tearDown(TestDatabase db) {
        applied.down().forEach(sql -> db.dsl().execute(sql)); // idempotent: drops only what exists
        db.dsl().execute("drop owned by " + role);
        db.dsl().execute("drop role " + role);
    }

    /** Runs {@code work} as the application role in one transaction with the context's settings, then rolls back. */
    private <T> T natively(RlsContext context, Function<DSLContext, T> work) {
        try (Connection c = app.getConnection()) {
            c.setAutoCommit(false);
            try {
                DSLContext dsl = DSL.using(c, SQLDialect.POSTGRES);
                if (context != null) {
                    settings(dsl, context);
                }
                return work.apply(dsl);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @MatrixTest(only = Engine.POSTGRES)
    void the_database_itself_hides_and_refuses_rows_even_to_plain_jdbc(TestDatabase db) throws SQLException {
        setUp(db);
        try (Connection c = app.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                // No context: nothing.
                assertThat(titles(s, "select title from posts order by id")).isEmpty();
                s.execute("select set_config('kysera.user_id', '1001', true), set_config('kysera.tenant_id', '1', true), "
                        + "set_config('kysera.roles', 'user', true)");
                assertThat(titles(s, "select title from posts order by id")).containsExactly("a1", "a2", "b1");
                assertThat(titles(s, "select name from users order by id")).containsExactly("alice", "bob");
                assertThat(s.executeUpdate("update posts set title = 'x' where id = " + C1)).isZero();
                assertThat(s.executeUpdate("delete from posts where id = " + B1)).isZero(); // bob's
                assertThat(s.executeUpdate("delete from posts where id = " + A2)).isZero(); // popular
                assertThat(titles(s, "select setting_key from settings")).isEmpty(); // default deny
                assertThatThrownBy(() -> s.executeUpdate("insert into posts (id, user_id, title, tenant_id) values (2100, 1001, 'x', 2)"))
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
            } finally {
                c.rollback();
            }
        } finally {
            tearDown(db);
        }
        assertThat(db.dsl().fetchCount(POSTS)).isEqualTo(5);
    }

    @MatrixTest(only = Engine.POSTGRES)
    void app_level_and_native_mode_return_the_same_rows(TestDatabase db) {
        setUp(db);
        try {
            Executor executor = Executor.of(db.dsl(), RlsPlugin.of(options().build()));
            Map<String, Function<DSLContext, List<String>>> reads = new LinkedHashMap<>();
            reads.put("posts", d -> d.select(POSTS.TITLE).from(POSTS).orderBy(POSTS.ID).fetch(POSTS.TITLE));
            reads.put("join", d -> d.select(POSTS.TITLE, USERS.NAME).from(POSTS).join(USERS).on(USERS.ID.eq(POSTS.USER_ID))
                    .orderBy(POSTS.ID).fetch().map(r -> r.value1() + "/" + r.value2()));
            reads.put("left join", d -> d.select(USERS.NAME, count(POSTS.ID)).from(USERS).leftJoin(POSTS).on(POSTS.USER_ID.eq(USERS.ID))
                    .groupBy(USERS.NAME).orderBy(USERS.NAME).fetch().map(r -> r.value1() + ":" + r.value2()));
            reads.put("subquery", d -> d.select(USERS.NAME).from(USERS).where(USERS.ID.in(select(POSTS.USER_ID).from(POSTS)))
                    .orderBy(USERS.ID).fetch(USERS.NAME));
            reads.put("foreign id", d -> d.select(POSTS.TITLE).from(POSTS).where(POSTS.ID.eq(C1)).fetch(POSTS.TITLE));
            reads.put("settings", d -> d.select(SETTINGS.SETTING_KEY).from(SETTINGS).fetch(SETTINGS.SETTING_KEY));
            reads.put("tags", d -> d.select(TAGS.NAME).from(TAGS).orderBy(TAGS.ID).fetch(TAGS.NAME));
            // Locking reads: PostgreSQL applies UPDATE policies' USING to locked rows, so does the plugin.
            reads.put("for update", d -> d.select(POSTS.TITLE).from(POSTS).orderBy(POSTS.ID).forUpdate().fetch(POSTS.TITLE));
            reads.put("for no key update", d -> d.select(POSTS.TITLE).from(POSTS).orderBy(POSTS.ID).forNoKeyUpdate().fetch(POSTS.TITLE));
            reads.put("for share", d -> d.select(POSTS.TITLE).from(POSTS).orderBy(POSTS.ID).forShare().fetch(POSTS.TITLE));
            reads.put("for key share skip locked", d -> d.select(POSTS.TITLE).from(POSTS).orderBy(POSTS.ID).forKeyShare().skipLocked()
                    .fetch(POSTS.TITLE));
            reads.put("join for update", d -> d.select(POSTS.TITLE, USERS.NAME).from(POSTS).join(USERS).on(USERS.ID.eq(POSTS.USER_ID))
                    .orderBy(POSTS.ID).forUpdate().fetch().map(r -> r.value1() + "/" + r.value2()));
            reads.put("for update of users", d -> d.select(POSTS.TITLE).from(POSTS).join(USERS).on(USERS.ID.eq(POSTS.USER_ID))
                    .orderBy(POSTS.ID).forUpdate().of(USERS).fetch(POSTS.TITLE));
            reads.put("derived for update", d -> {
                var derived = select(POSTS.ID, POSTS.TITLE).from(POSTS).asTable("d");
                return d.select(derived.field(POSTS.TITLE)).from(derived).orderBy(derived.field(POSTS.ID)).forUpdate().fetch(0, String.class);
            });
            reads.put("locking subquery", d -> d.select(USERS.NAME).from(USERS)
                    .where(USERS.ID.in(select(POSTS.USER_ID).from(POSTS).forUpdate())).orderBy(USERS.ID).fetch(USERS.NAME));
            reads.put("settings for update", d -> d.select(SETTINGS.SETTING_KEY).from(SETTINGS).forUpdate().fetch(SETTINGS.SETTING_KEY));
            reads.put("plain sql for share", d -> d.fetch("select title from posts order by id for share").getValues(0, String.class));
            for (RlsContext context : List.of(AS_ALICE, AS_BOB, AS_CAROL, AS_ADMIN)) {
                DSLContext appLevel = Fixtures.as(executor, context);
                for (var read : reads.entrySet()) {
                    List<String> expected = read.getValue().apply(appLevel);
                    assertThat(natively(context, read.getValue())).as(read.getKey() + " as " + context).isEqualTo(expected);
                }
            }
            assertThat(natively(AS_ALICE, reads.get("posts"))).containsExactly("a1", "a2", "b1");
            assertThat(natively(AS_CAROL, reads.get("posts"))).containsExactly("c1", "d1");
            assertThat(natively(AS_ALICE, reads.get("for update"))).containsExactly("a1", "a2");
            assertThat(natively(AS_BOB, reads.get("for share"))).containsExactly("b1");
            assertThat(natively(AS_ALICE, reads.get("for update of users"))).containsExactly("a1", "a2", "b1");
        } finally {
            tearDown(db);
        }
    }

    @MatrixTest(only = Engine.POSTGRES)
    void app_level_and_native_mode_refuse_the_same_writes(TestDatabase db) {
        setUp(db);
        try {
            Executor executor = Executor.of(db.dsl(), RlsPlugin.of(options().build()));
            Map<String, Function<DSLContext, Integer>> writes = new LinkedHashMap<>();
            writes.put("update own", d -> d.update(POSTS).set(POSTS.TITLE, "x").where(POSTS.ID.eq(A1)).execute());
            writes.put("update bob's", d -> d.update(POSTS).set(POSTS.TITLE, "x").where(POSTS.ID.eq(B1)).execute());
            writes.put("update foreign", d -> d.update(POSTS).set(POSTS.TITLE, "x").where(POSTS.ID.eq(C1)).execute());
            writes.put("update all", d -> d.update(POSTS).set(POSTS.VIEWS, 7).execute());
            writes.put("move tenant", d -> d.update(POSTS).set(POSTS.TENANT_ID, 2).where(POSTS.ID.eq(A1)).execute());
            writes.put("give away", d -> d.update(POSTS).set(POSTS.USER_ID, CAROL).where(POSTS.ID.eq(A1)).execute());
            writes.put("delete popular", d -> d.deleteFrom(POSTS).where(POSTS.ID.eq(A2)).execute());
            writes.put("delete own", d -> d.deleteFrom(POSTS).where(POSTS.ID.eq(A1)).execute());
            writes.put("delete foreign", d -> d.deleteFrom(POSTS).where(POSTS.TENANT_ID.eq(2)).execute());
            writes.put("insert foreign tenant", d -> d.insertInto(POSTS, POSTS.ID, POSTS.USER_ID, POSTS.TITLE, POSTS.TENANT_ID)
                    .values(2100L, ALICE, "x", 2).execute());
            writes.put("insert for carol", d -> d.insertInto(POSTS, POSTS.ID, POSTS.USER_ID, POSTS.TITLE, POSTS.TENANT_ID)
                    .values(2101L, CAROL, "x", 1).execute());
            writes.put("insert own", d -> d.insertInto(POSTS, POSTS.ID, POSTS.USER_ID, POSTS.TITLE, POSTS.TENANT_ID)
                    .values(2102L, ALICE, "x", 1).execute());
            writes.put("insert setting", d -> d.insertInto(SETTINGS, SETTINGS.SETTING_KEY, SETTINGS.SETTING_VALUE)
                    .values("k2", "v").execute());
            List<String> nativeStricter = new ArrayList<>();
            for (RlsContext context : List.of(AS_ALICE, AS_BOB, AS_ADMIN)) {
                for (var write : writes.entrySet()) {
                    Fixtures.seed(db);
                    String appLevel = outcome(() -> write.getValue().apply(Fixtures.as(executor, context))) + "\n" + snapshot(db);
                    Fixtures.seed(db);
                    String nativeMode = outcome(() -> committed(context, write.getValue())) + "\n" + snapshot(db);
                    // Nothing written either way: the plugin refuses a constant it can check up front, the
                    // database matches no row (or the reverse); the tables must be the same.
                    appLevel = appLevel.replaceFirst("^0\n", "nothing\n").replaceFirst("^refused\n", "nothing\n");
                    nativeMode = nativeMode.replaceFirst("^0\n", "nothing\n");
                    if (nativeMode.startsWith("refused") && !appLevel.startsWith("nothing")) {
                        nativeStricter.add(write.getKey() + " as " + context.roles());
                    } else {
                        nativeMode = nativeMode.replaceFirst("^refused\n", "nothing\n");
                        assertThat(nativeMode).as(write.getKey() + " as " + context).isEqualTo(appLevel);
                    }
                }
            }
            // The one documented difference: PostgreSQL's WITH CHECK cannot tell whether an UPDATE wrote the owner
            // column, so an admin's update of another user's post fails the owner check natively.
            assertThat(nativeStricter).containsExactly("update own as [admin]", "update bob's as [admin]", "update all as [admin]");
            Fixtures.seed(db);
            assertThat(outcome(() -> committed(AS_ALICE, writes.get("update all")))).isEqualTo("2");
            assertThat(outcome(() -> committed(AS_ALICE, writes.get("move tenant")))).isEqualTo("refused");
        } finally {
            tearDown(db);
        }
    }

    @MatrixTest(only = Engine.POSTGRES)
    void the_executor_sets_the_native_context_per_transaction(TestDatabase db) {
        setUp(db);
        try {
            Executor executor = Executor.builder().dataSource(app, SQLDialect.POSTGRES)
                    .plugin(RlsPlugin.of(options().nativeContext(true).build())).build();
            try (executor) {
                List<String> raw = executor.with(RlsPlugin.CONTEXT, AS_CAROL).transactionResult(tx -> {
                    // Plain JDBC on the transaction's own connection: only the database's policies apply.
                    return tx.transaction().orElseThrow().dsl().fetch("select title from posts order by id").getValues(0, String.class);
                });
                assertThat(raw).containsExactly("c1", "d1");
                int alices = executor.with(RlsPlugin.CONTEXT, AS_ALICE).transactionResult(tx -> tx.dsl().fetchCount(POSTS));
                assertThat(alices).isEqualTo(3);
            }
            // Settings are transaction-local: a connection from the pool afterwards has none, and sees nothing.
            int none = natively(null, d -> d.fetchCount(POSTS));
            assertThat(none).isZero();
        } finally {
            tearDown(db);
        }
    }

    @MatrixTest(only = Engine.POSTGRES)
    void a_native_role_runs_each_transaction_of_the_owners_connection_as_that_role(TestDatabase db) {
        setUp(db);
        PGSimpleDataSource owner = new PGSimpleDataSource();
        owner.setURL(db.jdbcUrl());
        com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
        config.setDataSource(owner);
        config.setMaximumPoolSize(1); // one connection: what a transaction leaves behind, the next statement gets
        RlsPlugin rls = RlsPlugin.of(options().nativeContext(true).nativeRole(role.toUpperCase(java.util.Locale.ROOT)).build());
        var system = rls.claimBypassToken("test: the owner's own statements");
        try (com.zaxxer.hikari.HikariDataSource pool = new com.zaxxer.hikari.HikariDataSource(config);
             Executor executor = Executor.builder().dataSource(pool, SQLDialect.POSTGRES).plugin(rls).build()) {
            String login = String.valueOf(db.dsl().fetchValue("select current_user"));
            Executor carol = executor.with(RlsPlugin.CONTEXT, AS_CAROL);
            List<String> seen = carol.transactionResult(tx -> {
                DSLContext raw = tx.transaction().orElseThrow().dsl();
                // a savepoint stays in the role; plain SQL on the connection gets only the database's policies
                String nested = tx.transactionResult(inner -> String.valueOf(inner.transaction().orElseThrow().dsl()
                        .fetchValue("select current_user")));
                return List.of(String.valueOf(raw.fetchValue("select current_user")), nested,
                        String.join(",", raw.fetch("select title from posts order by id").getValues(0, String.class)));
            });
            assertThat(seen).containsExactly(role, role, "c1,d1");
            // the same (only) connection afterwards: the login role again, which owns the tables and sees every row
            Executor bypassing = executor.bypassing(system);
            assertThat(bypassing.dsl().fetchValue("select current_user")).isEqualTo(login);
            assertThat(bypassing.transactionResult(tx -> String.valueOf(tx.dsl().fetchValue("select current_user")))
                    + " " + bypassing.dsl().fetchCount(POSTS)).isEqualTo(login + " 5");
            // outside a transaction the statement would run as the owner: refused before it reaches the database
            assertThatThrownBy(() -> carol.dsl().fetchCount(POSTS)).isInstanceOfSatisfying(RlsAccessDeniedException.class,
                    e -> assertThat(e.reason()).contains("must run in a transaction"));
            assertThat(carol.dsl().fetchValue("select current_user")).isEqualTo(login); // no protected table: runs
        } finally {
            tearDown(db);
        }
    }

    @MatrixTest(only = Engine.POSTGRES)
    void virtual_threads_alternating_tenants_on_a_shared_pool_see_only_their_rows_natively(TestDatabase db) throws Exception {
        setUp(db);
        com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
        config.setDataSource(app);
        config.setMaximumPoolSize(4);
        try (com.zaxxer.hikari.HikariDataSource pool = new com.zaxxer.hikari.HikariDataSource(config);
             Executor executor = Executor.builder().dataSource(pool, SQLDialect.POSTGRES)
                     .plugin(RlsPlugin.of(options().nativeContext(true).build())).build();
             var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            List<java.util.concurrent.Future<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                RlsContext context = i % 2 == 0 ? AS_ALICE : AS_CAROL;
                List<String> expected = i % 2 == 0 ? List.of("a1", "a2", "b1") : List.of("c1", "d1");
                tasks.add(threads.submit(() -> {
                    int rounds = 0;
                    while (System.nanoTime() < until) {
                        // Only the database's policies apply to this plain-SQL read on the transaction's connection.
                        List<String> seen = executor.with(RlsPlugin.CONTEXT, context).transactionResult(tx -> tx.transaction()
                                .orElseThrow().dsl().fetch("select title from posts order by id").getValues(0, String.class));
                        if (!seen.equals(expected)) {
                            throw new AssertionError(context + " saw " + seen);
                        }
                        rounds++;
                    }
                    return rounds;
                }));
            }
            int total = 0;
            for (var task : tasks) {
                total += task.get(30, TimeUnit.SECONDS);
            }
            assertThat(total).isGreaterThanOrEqualTo(20);
        } finally {
            tearDown(db);
        }
    }

    @MatrixTest(only = Engine.POSTGRES)
    void every_operation_of_a_rule_gets_a_policy_and_the_down_migration_removes_everything(TestDatabase db) {
        PostgresPolicies.Migration migration = setUp(db);
        try {
            String schema = db.isolationName();
            List<String> names = db.dsl().fetch("select policyname from pg_policies where schemaname = ? and tablename = 'posts' "
                    + "order by policyname", schema).getValues(0, String.class);
            assertThat(names).contains("owner_allow_update", "owner_allow_delete", "admin_override_select", "admin_override_insert",
                    "admin_override_update", "admin_override_delete", "keep_popular_delete", "tenant_check_insert", "tenant_check_update");
            assertThat(migration.appOnly()).contains("posts.tenant_stamp: stamps are written by the plugin");
            migration.down().forEach(sql -> db.dsl().execute(sql));
            assertThat(db.dsl().fetchValue("select count(*) from pg_policies where schemaname = ?", schema)).isEqualTo(0L);
            assertThat(db.dsl().fetchValue("select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                    + "where n.nspname = ? and (c.relrowsecurity or c.relforcerowsecurity)", schema)).isEqualTo(0L);
            assertThat(db.dsl().fetchValue("select count(*) from pg_proc p join pg_namespace n on n.oid = p.pronamespace "
                    + "where n.nspname = ? and p.proname like 'kysera_rls_%'", schema)).isEqualTo(0L);
        } finally {
            tearDown(db);
        }
    }

    @MatrixTest(only = Engine.POSTGRES)
    void rules_that_cannot_run_in_the_database_are_refused_or_listed(TestDatabase db) {
        RlsOptions javaFilter = RlsOptions.builder().policy(TablePolicy.forTable("posts")
                .add(Rule.filter(s -> s.context().hasRole("x") ? DSL.trueCondition() : DSL.falseCondition()).named("java_filter"))
                .build()).build();
        assertThatThrownBy(() -> PostgresPolicies.generate(javaFilter)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java_filter");
        RlsOptions javaAllow = RlsOptions.builder().policy(TablePolicy.forTable("posts")
                .add(Rule.allowIf(EnumSet.of(RlsOperation.READ), ctx -> ctx.hasRole("x")).named("java_allow")).build()).build();
        PostgresPolicies.Migration migration = PostgresPolicies.generate(javaAllow);
        assertThat(migration.appOnly()).singleElement().asString().startsWith("posts.java_allow:");
        assertThat(migration.up()).noneMatch(sql -> sql.contains("java_allow"));
        assertThat(db.engine()).isEqualTo(Engine.POSTGRES);
    }

    // ---------------------------------------------------------------- helpers

    private static List<String> titles(Statement s, String sql) throws SQLException {
        List<String> result = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                result.add(rs.getString(1));
            }
        }
        return result;
    }

    /** The posts and settings, read as the owner (who bypasses RLS without FORCE … as superuser). */
    private static String snapshot(TestDatabase db) {
        return contents(db, POSTS).format() + contents(db, SETTINGS).format();
    }

    /** The affected-row count, or "refused". */
    private static String outcome(java.util.function.Supplier<Integer> work) {
        try {
            return String.valueOf(work.get());
        } catch (RuntimeException e) {
            return "refused";
        }
    }

    /** Runs {@code work} as the application role in one committed transaction with the context's settings. */
    private int committed(RlsContext context, Function<DSLContext, Integer> work) {
        try (Connection c = app.getConnection()) {
            c.setAutoCommit(false);
            DSLContext dsl = DSL.using(c, SQLDialect.POSTGRES);
            try {
                settings(dsl, context);
                int result = work.apply(dsl);
                c.commit();
                return result;
            } catch (RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void settings(DSLContext dsl, RlsContext context) {
        dsl.execute("select set_config('kysera.user_id', ?, true), set_config('kysera.tenant_id', ?, true), "
                + "set_config('kysera.roles', ?, true)", String.valueOf(context.userId()), String.valueOf(context.tenantId()),
                String.join(",", context.roles()));
    }

}
