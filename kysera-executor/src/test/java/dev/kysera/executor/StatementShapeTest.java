package dev.kysera.executor;

import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.error.UniqueConstraintException;
import dev.kysera.executor.testplugins.TestPlugins;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultExecuteListener;
import org.junit.jupiter.api.Test;

/**
 * Statement shapes: once planned, a call runs the cached plan over JDBC (no jOOQ render or
 * execution) with this call's values and this call's plugin decisions, and returns exactly what
 * the statement built and run through jOOQ returns; errors are typed; what the fast path cannot
 * honour (observers, the caller's listeners, guards) runs through jOOQ.
 */
class StatementShapeTest {

    /** Users by id, at least {@code fromId}: value 0. */
    static final StatementShape USERS_FROM = StatementShape.of((dsl, arguments) -> dsl.select(USERS.ID, USERS.NAME, USERS.TENANT_ID)
            .from(USERS).where(USERS.ID.ge(arguments.value(0, USERS.ID))).orderBy(USERS.ID));

    private static Executor executor(TestDatabase db) {
        return Executor.builder().dsl(db.dsl()).plugin(new PlanCacheTest.TenantFilter()).plugin(new TestPlugins.SoftDelete(true)).build();
    }

    private static void seed(TestDatabase db) {
        db.useTestSchema();
        db.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME, USERS.TENANT_ID, USERS.DELETED_AT)
                .values(1L, "a1@example.com", "a1", 1, null)
                .values(2L, "a2@example.com", "a2", 1, TestPlugins.STAMP)
                .values(3L, "b1@example.com", "b1", 2, null)
                .values(4L, "b2@example.com", "b2", 2, null)
                .values(5L, "a3@example.com", "a3", 1, null)
                .execute();
    }

    private static List<String> names(Result<Record> rows) {
        return rows.getValues(USERS.NAME);
    }

    /** What the shape's statement returns built and run through jOOQ on the same executor. */
    private static Result<? extends Record> throughJooq(Executor executor, long fromId) {
        DSLContext dsl = executor.dsl();
        return dsl.select(USERS.ID, USERS.NAME, USERS.TENANT_ID).from(USERS).where(USERS.ID.ge(fromId)).orderBy(USERS.ID).fetch();
    }

    @MatrixTest
    void a_planned_shape_runs_over_jdbc_with_this_calls_values_and_context(TestDatabase db) {
        seed(db);
        try (Executor root = executor(db)) {
            Executor tenant1 = root.with(TestPlugins.TENANT, 1);
            Executor tenant2 = root.with(TestPlugins.TENANT, 2);
            assertThat(names(tenant1.fetch(USERS_FROM, 0L))).containsExactly("a1", "a3");
            assertThat(root.planCache().shapeRuns()).isZero();

            assertThat(names(tenant2.fetch(USERS_FROM, 0L))).containsExactly("b1", "b2");
            assertThat(names(tenant2.fetch(USERS_FROM, 4L))).containsExactly("b2");
            assertThat(names(tenant1.fetch(USERS_FROM, 2L))).containsExactly("a3");
            assertThat(root.planCache().shapeRuns()).isEqualTo(3);
            // No tenant: the filter is FALSE, another decision shape: planned once through jOOQ, then run fast too.
            assertThat(root.fetch(USERS_FROM, 0L)).isEmpty();
            assertThat(root.fetch(USERS_FROM, 0L)).isEmpty();
            assertThat(root.planCache().shapeRuns()).isEqualTo(4);
        }
    }

    @MatrixTest
    void records_equal_the_ones_jooq_fetches(TestDatabase db) {
        seed(db);
        try (Executor root = executor(db)) {
            Executor tenant1 = root.with(TestPlugins.TENANT, 1);
            tenant1.fetch(USERS_FROM, 0L);
            Result<Record> fast = tenant1.fetch(USERS_FROM, 0L);
            assertThat(root.planCache().shapeRuns()).isEqualTo(1);
            Result<? extends Record> slow = throughJooq(tenant1, 0L);
            assertThat(fast).hasSize(2).isEqualTo(slow);
            assertThat(fast.fields()).containsExactly(slow.fields());
            assertThat(fast.getFirst().get(USERS.ID)).isInstanceOf(Long.class).isEqualTo(1L);
            assertThat(fast.getFirst().getClass()).isEqualTo(slow.getFirst().getClass());
            assertThat(fast.getFirst().changed()).isFalse().isEqualTo(slow.getFirst().changed());
            assertThat(fast.getFirst().original()).isEqualTo(slow.getFirst().original());
        }
    }

    @MatrixTest
    void eight_threads_of_different_tenants_see_only_their_rows(TestDatabase db) throws Exception {
        seed(db);
        try (Executor root = executor(db)) {
            root.with(TestPlugins.TENANT, 1).fetch(USERS_FROM, 0L);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<List<Integer>>> futures = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int tenant = t % 3 + 1;
                    futures.add(pool.submit(() -> {
                        List<Integer> seen = new ArrayList<>();
                        for (int i = 0; i < 200; i++) {
                            seen.addAll(root.with(TestPlugins.TENANT, tenant).fetch(USERS_FROM, 0L).getValues(USERS.TENANT_ID));
                        }
                        return seen;
                    }));
                }
                for (int t = 0; t < 8; t++) {
                    int tenant = t % 3 + 1;
                    List<Integer> seen = futures.get(t).get(60, TimeUnit.SECONDS);
                    if (tenant == 3) {
                        assertThat(seen).isEmpty();
                    } else {
                        assertThat(seen).hasSize(200 * 2).containsOnly(tenant);
                    }
                }
            } finally {
                pool.shutdownNow();
                assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(root.planCache().shapeRuns()).isGreaterThanOrEqualTo(8 * 200 - 8);
        }
    }

    @MatrixTest
    void an_evicted_plan_is_planned_again_through_jooq(TestDatabase db) {
        seed(db);
        try (Executor root = Executor.builder().dsl(db.dsl()).plugin(new PlanCacheTest.TenantFilter()).planCacheSize(1).build()) {
            Executor tenant1 = root.with(TestPlugins.TENANT, 1);
            tenant1.fetch(USERS_FROM, 0L);
            assertThat(names(tenant1.fetch(USERS_FROM, 0L))).containsExactly("a1", "a2", "a3");
            assertThat(root.planCache().shapeRuns()).isEqualTo(1);
            // Another shape takes the only entry.
            tenant1.dsl().selectFrom(USERS).where(USERS.NAME.eq("x")).fetch();
            assertThat(root.planCache().evictions()).isEqualTo(1);
            assertThat(names(tenant1.fetch(USERS_FROM, 3L))).containsExactly("a3");
            assertThat(root.planCache().shapeRuns()).isEqualTo(1);
            assertThat(names(tenant1.fetch(USERS_FROM, 3L))).containsExactly("a3");
            assertThat(root.planCache().shapeRuns()).isEqualTo(2);
        }
    }

    @MatrixTest
    void a_shape_joins_the_open_transaction(TestDatabase db) {
        seed(db);
        try (Executor root = executor(db)) {
            Executor tenant1 = root.with(TestPlugins.TENANT, 1);
            tenant1.fetch(USERS_FROM, 0L);
            tenant1.transaction(tx -> {
                tx.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(6L, "a6@example.com", "a6").execute();
                // The transaction's configuration has settings of its own, equal to the root's: they share
                // one settings identity, so the plan learned outside runs fast inside from the first call.
                assertThat(names(tx.fetch(USERS_FROM, 5L))).containsExactly("a3", "a6");
                assertThat(names(tx.fetch(USERS_FROM, 6L))).containsExactly("a6");
                // The root, unbound, joins the transaction open on this thread too.
                assertThat(names(tenant1.fetch(USERS_FROM, 6L))).containsExactly("a6");
                assertThat(root.planCache().shapeRuns()).isEqualTo(3);
                throw new IllegalStateException("roll back");
            });
        } catch (IllegalStateException expected) {
            assertThat(expected).hasMessage("roll back");
        }
        assertThat(db.dsl().fetchCount(USERS)).isEqualTo(5);
    }

    @MatrixTest
    void database_errors_on_the_fast_path_are_typed(TestDatabase db) {
        seed(db);
        StatementShape insert = StatementShape.of((dsl, arguments) -> dsl.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME)
                .values(arguments.value(0, USERS.ID), arguments.value(1, USERS.EMAIL), arguments.value(2, USERS.NAME))
                .returningResult(USERS.ID, USERS.NAME, USERS.TENANT_ID));
        try (Executor root = executor(db)) {
            Executor tenant1 = root.with(TestPlugins.TENANT, 1);
            Result<Record> first = tenant1.fetch(insert, 10L, "x10@example.com", "x10");
            assertThat(first.getValues(USERS.ID)).containsExactly(10L);
            Result<Record> second = tenant1.fetch(insert, 11L, "x11@example.com", "x11");
            assertThat(second).hasSize(1);
            assertThat(second.getFirst().get(USERS.ID)).isEqualTo(11L);
            assertThat(second.getFirst().get(USERS.NAME)).isEqualTo("x11");
            assertThat(second.getFirst().get(USERS.TENANT_ID)).isEqualTo(1);
            assertThatThrownBy(() -> tenant1.fetch(insert, 12L, "x10@example.com", "dup"))
                    .isInstanceOf(UniqueConstraintException.class)
                    .satisfies(e -> assertThat(((UniqueConstraintException) e).isTransient()).isFalse());
            // H2 returns the rows of an INSERT from a SELECT around it (FINAL TABLE): two statement nodes, not cached.
            assertThat(root.planCache().shapeRuns()).isEqualTo(db.dialect().family() == SQLDialect.H2 ? 0 : 2);
        }
        assertThat(db.dsl().select(USERS.ID, USERS.TENANT_ID).from(USERS).where(USERS.ID.ge(10L)).orderBy(USERS.ID).fetch(r -> r.get(USERS.ID) + ":" + r.get(USERS.TENANT_ID))).containsExactly("10:1", "11:1");
    }

    @MatrixTest
    void plugin_timestamps_on_the_fast_path_are_bound_as_on_jooqs(TestDatabase db) {
        seed(db);
        StatementShape insert = StatementShape.of((dsl, arguments) -> dsl.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME)
                .values(arguments.value(0, USERS.ID), arguments.value(1, USERS.EMAIL), arguments.value(2, USERS.NAME))
                .returningResult(USERS.ID, USERS.CREATED_AT));
        java.time.LocalDateTime first = java.time.LocalDateTime.of(2026, 3, 4, 5, 6, 11, 740_000_000);
        java.time.LocalDateTime second = java.time.LocalDateTime.of(2026, 3, 4, 5, 6, 12, 5_000_000);
        try (Executor root = Executor.builder().dsl(db.dsl()).plugin(new PlanCacheTest.ContextStamps()).build()) {
            root.with(PlanCacheTest.NOW, first).fetch(insert, 20L, "t20@example.com", "t20");
            Result<Record> fast = root.with(PlanCacheTest.NOW, second).fetch(insert, 21L, "t21@example.com", "t21");
            assertThat(root.planCache().shapeRuns()).isEqualTo(db.dialect().family() == SQLDialect.H2 ? 0 : 1);
            assertThat(fast.getFirst().get(USERS.CREATED_AT)).isEqualTo(second);
        }
        assertThat(db.dsl().select(USERS.ID, USERS.CREATED_AT, USERS.UPDATED_AT).from(USERS).where(USERS.ID.ge(20L)).orderBy(USERS.ID)
                .fetch(r -> r.get(USERS.ID) + " " + r.get(USERS.CREATED_AT) + " " + r.get(USERS.UPDATED_AT)))
                .containsExactly("20 " + first + " " + first, "21 " + second + " " + second);
        if (db.dialect().family() == SQLDialect.SQLITE) {
            // SQLite stores the fixed-width text the executor binds, on the fast path as on jOOQ's.
            assertThat(db.dsl().fetch("select created_at from users where id >= 20 order by id").getValues(0, String.class))
                    .containsExactly("2026-03-04 05:06:11.740", "2026-03-04 05:06:12.005");
        }
    }

    @MatrixTest
    void the_callers_execute_listeners_and_observers_get_the_jooq_path(TestDatabase db) {
        seed(db);
        List<String> seen = new ArrayList<>();
        org.jooq.Configuration listened = db.dsl().configuration().derive(new DefaultExecuteListener() {
            @Override
            public void executeStart(org.jooq.ExecuteContext ctx) {
                seen.add(ctx.sql());
            }
        });
        try (Executor root = Executor.builder().configuration(listened).plugin(new PlanCacheTest.TenantFilter()).build()) {
            Executor tenant1 = root.with(TestPlugins.TENANT, 1);
            tenant1.fetch(USERS_FROM, 0L);
            assertThat(names(tenant1.fetch(USERS_FROM, 0L))).containsExactly("a1", "a2", "a3");
            assertThat(seen).hasSize(2);
            assertThat(root.planCache().shapeRuns()).isZero();
        }
    }

    @MatrixTest
    void guards_untranslated_errors_and_fail_closed_plugins_get_the_jooq_path(TestDatabase db) {
        seed(db);
        List<String> guarded = new ArrayList<>();
        StatementGuard guard = new StatementGuard() {
            @Override
            public void before(AutocommitStatement statement) {
                guarded.add("before");
            }
        };
        try (Executor withGuard = Executor.builder().dsl(db.dsl()).plugin(new PlanCacheTest.TenantFilter()).guardStatements(guard).build();
             Executor untranslated = Executor.builder().dsl(db.dsl()).plugin(new PlanCacheTest.TenantFilter()).translateErrors(false).build();
             Executor failClosed = Executor.builder().dsl(db.dsl()).plugin(new TestPlugins.Tenant(true)).build()) {
            for (Executor executor : List.of(withGuard, untranslated, failClosed)) {
                Executor tenant1 = executor.with(TestPlugins.TENANT, 1);
                tenant1.fetch(USERS_FROM, 0L);
                assertThat(names(tenant1.fetch(USERS_FROM, 0L))).as(executor.toString()).containsExactly("a1", "a2", "a3");
                assertThat(names(executor.with(TestPlugins.TENANT, 2).fetch(USERS_FROM, 0L))).containsExactly("b1", "b2");
                assertThat(executor.planCache().shapeRuns()).isZero();
            }
            assertThat(guarded).containsExactly("before", "before", "before");
        }
    }

    /** Masks users' names for tenant 2 only: the mask's decision depends on the context. */
    static final class MaskForTenant2 implements Plugin {
        @Override
        public String name() {
            return "mask";
        }

        @Override
        public boolean appliesTo(TableReference table) {
            return table.name().equals("users");
        }

        @Override
        public void register(PluginRoles roles) {
            roles.columnMask((table, context) -> context.get(TestPlugins.TENANT).filter(t -> t == 2)
                    .<java.util.Map<String, org.jooq.Field<?>>>map(t -> java.util.Map.of("name", DSL.inline("***"))).orElse(java.util.Map.of()));
        }
    }

    @MatrixTest
    void a_mask_that_depends_on_the_context_is_never_served_from_a_plan_of_another_context(TestDatabase db) {
        seed(db);
        try (Executor root = Executor.builder().dsl(db.dsl()).plugin(new PlanCacheTest.TenantFilter()).plugin(new MaskForTenant2()).build()) {
            for (int i = 0; i < 2; i++) {
                assertThat(names(root.with(TestPlugins.TENANT, 1).fetch(USERS_FROM, 0L))).containsExactly("a1", "a2", "a3");
                assertThat(names(root.with(TestPlugins.TENANT, 2).fetch(USERS_FROM, 0L))).containsExactly("***", "***");
                assertThat(root.with(TestPlugins.TENANT, 1).dsl().select(USERS.NAME).from(USERS).orderBy(USERS.ID).fetch(USERS.NAME))
                        .containsExactly("a1", "a2", "a3");
                assertThat(root.with(TestPlugins.TENANT, 2).dsl().select(USERS.NAME).from(USERS).orderBy(USERS.ID).fetch(USERS.NAME))
                        .containsExactly("***", "***");
            }
            assertThat(root.planCache().shapeRuns()).isZero();
        }
    }

    @MatrixTest
    void executors_over_a_data_source_keep_no_statements(TestDatabase db) throws Exception {
        seed(db);
        try (Executor root = Executor.builder().dataSource(db.dataSource(), db.dialect()).plugin(new PlanCacheTest.TenantFilter()).build()) {
            Executor tenant1 = root.with(TestPlugins.TENANT, 1);
            tenant1.fetch(USERS_FROM, 0L);
            assertThat(names(tenant1.fetch(USERS_FROM, 0L))).containsExactly("a1", "a2", "a3");
            tenant1.transaction(tx -> assertThat(names(tenant1.fetch(USERS_FROM, 5L))).containsExactly("a3"));
            assertThat(root.planCache().shapeRuns()).isEqualTo(2);
            assertThat(dev.kysera.executor.internal.ShapeStatementsProbe.kept(root)).isZero();
        }
    }

    @Test
    void sqlite_statements_are_kept_per_connection_and_closed_with_the_executor() throws Exception {
        try (Connection connection = java.sql.DriverManager.getConnection("jdbc:sqlite::memory:")) {
            DSLContext raw = DSL.using(connection, SQLDialect.SQLITE);
            raw.execute("create table users (id bigint primary key, email varchar(255) not null, name varchar(255) not null, "
                    + "tenant_id int, deleted_at timestamp, created_at timestamp, updated_at timestamp, version int)");
            raw.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME, USERS.TENANT_ID).values(1L, "a", "a", 1).execute();
            Executor root = Executor.builder().dsl(raw).plugin(new PlanCacheTest.TenantFilter()).build();
            Executor tenant1 = root.with(TestPlugins.TENANT, 1);
            tenant1.fetch(USERS_FROM, 0L);
            assertThat(names(tenant1.fetch(USERS_FROM, 0L))).containsExactly("a");
            assertThat(names(tenant1.fetch(USERS_FROM, 0L))).containsExactly("a");
            assertThat(dev.kysera.executor.internal.ShapeStatementsProbe.kept(root)).isEqualTo(1);
            root.close();
            assertThat(dev.kysera.executor.internal.ShapeStatementsProbe.kept(root)).isZero();
            assertThatThrownBy(() -> tenant1.fetch(USERS_FROM, 0L)).isInstanceOf(ExecutorClosedException.class);
        }
    }
}
