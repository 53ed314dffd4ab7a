package dev.kysera.executor;

import dev.kysera.executor.testplugins.TestPlugins;
import static dev.kysera.testsupport.schema.Tables.POSTS;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.error.AccessDeniedException;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;

/**
 * The plan cache: repeated statement shapes are served from it, and what it serves is exactly what
 * planning afresh would have run — under changing contexts, other plugin sets, eviction and
 * concurrency. The plugins here have no write rule and no enforcement (those scopes are not cached).
 */
class PlanCacheTest {

    static final ContextKey<LocalDateTime> NOW = ContextKey.of("now", LocalDateTime.class);

    /** A test plugin on users and posts. */
    private abstract static class OnTenantTables implements Plugin {
        private final String name;

        OnTenantTables(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean appliesTo(TableReference table) {
            return TestPlugins.TENANT_TABLES.contains(table.name());
        }
    }

    /** Filters users and posts by tenant (no tenant: no rows) and stamps the tenant on INSERT; no write rule. */
    static final class TenantFilter extends OnTenantTables {
        TenantFilter() {
            super("tenant-filter");
        }

        @Override
        public void register(PluginRoles roles) {
            roles.rowFilter((table, operation, context) -> Optional.of(context.get(TestPlugins.TENANT)
                            .map(tenant -> table.field("tenant_id", SQLDataType.INTEGER).eq(tenant))
                            .orElse(DSL.falseCondition())))
                    .writeValues((table, operation, context) -> operation == Operation.INSERT
                            ? context.get(TestPlugins.TENANT).map(t -> List.of(Assignment.of("tenant_id", t))).orElse(List.of())
                            : List.of());
        }
    }

    /** Writes created_at/updated_at from the context (standing in for a clock), so each execution's value differs. */
    static final class ContextStamps extends OnTenantTables {
        ContextStamps() {
            super("context-stamps");
        }

        @Override
        public void register(PluginRoles roles) {
            roles.writeValues((table, operation, context) -> {
                LocalDateTime now = context.get(NOW).orElse(TestPlugins.STAMP);
                return switch (operation) {
                    case INSERT -> List.of(Assignment.of("created_at", now), Assignment.of("updated_at", now));
                    case UPDATE -> List.of(Assignment.of("updated_at", now));
                    default -> List.of();
                };
            });
        }
    }

    private static Executor executor(TestDatabase db) {
        return Executor.builder().dsl(db.dsl()).plugin(new TenantFilter()).plugin(new TestPlugins.SoftDelete(true))
                .plugin(new ContextStamps()).build();
    }

    private static void seed(TestDatabase db) {
        db.useTestSchema();
        DSLContext raw = db.dsl();
        raw.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME, USERS.TENANT_ID, USERS.DELETED_AT)
                .values(1L, "a1@example.com", "a1", 1, null)
                .values(2L, "a2@example.com", "a2", 1, TestPlugins.STAMP)
                .values(3L, "b1@example.com", "b1", 2, null)
                .values(4L, "b2@example.com", "b2", 2, null)
                .execute();
        raw.insertInto(POSTS, POSTS.ID, POSTS.USER_ID, POSTS.TITLE, POSTS.TENANT_ID)
                .values(10L, 1L, "p-a1", 1).values(11L, 3L, "p-b1", 2).values(12L, 4L, "p-b2", 2).execute();
    }

    private static List<String> names(DSLContext dsl, long fromId) {
        return dsl.select(USERS.NAME).from(USERS).where(USERS.ID.ge(fromId)).orderBy(USERS.ID).fetch(USERS.NAME);
    }

    /** Column masks are chosen per context: a plan made without a mask must never serve a context that has one. */
    @MatrixTest
    void scopes_with_column_masks_are_not_cached(TestDatabase db) {
        seed(db);
        try (Executor root = Executor.builder().dsl(db.dsl()).plugin(new TenantFilter()).plugin(new StatementShapeTest.MaskForTenant2()).build()) {
            assertThat(names(root.with(TestPlugins.TENANT, 1).dsl(), 0)).containsExactly("a1", "a2");
            assertThat(names(root.with(TestPlugins.TENANT, 2).dsl(), 0)).containsExactly("***", "***");
            assertThat(names(root.with(TestPlugins.TENANT, 1).dsl(), 0)).containsExactly("a1", "a2");
            assertThat(root.planCache().hits()).isZero();
            assertThat(root.planCache().size()).isZero();
        }
    }

    @MatrixTest
    void a_repeated_shape_is_served_from_the_cache_with_this_executions_context(TestDatabase db) {
        seed(db);
        try (Executor root = executor(db)) {
            assertThat(names(root.with(TestPlugins.TENANT, 1).dsl(), 0)).containsExactly("a1");
            PlanCacheStatistics afterFirst = root.planCache();
            assertThat(afterFirst.enabled()).isTrue();
            assertThat(afterFirst.misses()).isEqualTo(1);
            assertThat(afterFirst.hits()).isZero();
            assertThat(afterFirst.size()).isEqualTo(1);

            // Same shape, another tenant and another bind value: served from the cache, with tenant 2's value bound.
            assertThat(names(root.with(TestPlugins.TENANT, 2).dsl(), 4)).containsExactly("b2");
            assertThat(names(root.with(TestPlugins.TENANT, 2).dsl(), 0)).containsExactly("b1", "b2");
            assertThat(names(root.with(TestPlugins.TENANT, 1).dsl(), 0)).containsExactly("a1");
            assertThat(root.planCache().hits()).isEqualTo(3);
            assertThat(root.planCache().size()).isEqualTo(1);
        }
    }

    @MatrixTest
    void a_context_that_changes_the_decisions_shape_gets_its_own_plan(TestDatabase db) {
        seed(db);
        try (Executor root = executor(db)) {
            assertThat(names(root.with(TestPlugins.TENANT, 1).dsl(), 0)).containsExactly("a1");
            // No tenant: the filter becomes FALSE, another shape of decision; never tenant 1's SQL with a null.
            assertThat(names(root.dsl(), 0)).isEmpty();
            assertThat(root.planCache().hits()).isZero();
            assertThat(names(root.dsl(), 0)).isEmpty();
            assertThat(names(root.with(TestPlugins.TENANT, 2).dsl(), 0)).containsExactly("b1", "b2");
            assertThat(root.planCache().hits()).isEqualTo(2);
            assertThat(root.planCache().size()).isEqualTo(1);
        }
    }

    @MatrixTest
    void different_plugin_sets_never_share_a_plan(TestDatabase db) {
        seed(db);
        try (Executor root = executor(db)) {
            Executor tenant1 = root.with(TestPlugins.TENANT, 1);
            assertThat(names(tenant1.dsl(), 0)).containsExactly("a1");
            Executor withDeleted = tenant1.withoutPlugin("soft-delete");
            assertThat(names(withDeleted.dsl(), 0)).containsExactly("a1", "a2");
            Executor everything = root.withoutPlugins();
            assertThat(names(everything.dsl(), 0)).containsExactly("a1", "a2", "b1", "b2");
            assertThat(names(tenant1.dsl(), 0)).containsExactly("a1");
            assertThat(names(withDeleted.dsl(), 0)).containsExactly("a1", "a2");
            assertThat(root.planCache().hits()).isEqualTo(2);
        }
    }

    @MatrixTest
    void other_settings_never_share_a_plan(TestDatabase db) {
        seed(db);
        try (Executor root = executor(db)) {
            Executor tenant2 = root.with(TestPlugins.TENANT, 2);
            Executor upper = tenant2.withSettings(settings -> settings.withRenderKeywordCase(org.jooq.conf.RenderKeywordCase.UPPER));
            assertThat(names(tenant2.dsl(), 0)).containsExactly("b1", "b2");
            assertThat(names(upper.dsl(), 0)).containsExactly("b1", "b2");
            // A configuration derived by hand with other settings, not through the executor.
            DSLContext derived = org.jooq.impl.DSL.using(tenant2.dsl().configuration()
                    .derive(new org.jooq.conf.Settings().withRenderKeywordCase(org.jooq.conf.RenderKeywordCase.PASCAL)
                            .withRenderImplicitJoinType(org.jooq.conf.RenderImplicitJoinType.SCALAR_SUBQUERY)));
            assertThat(names(derived, 0)).containsExactly("b1", "b2");
            assertThat(root.planCache().misses()).isEqualTo(3);
            assertThat(root.planCache().size()).isEqualTo(3);
            assertThat(names(upper.dsl(), 4)).containsExactly("b2");
            assertThat(names(derived, 4)).containsExactly("b2");
            assertThat(names(root.with(TestPlugins.TENANT, 1).dsl(), 0)).containsExactly("a1");
            assertThat(root.planCache().hits()).isEqualTo(3);
        }
    }

    @MatrixTest
    void a_join_is_cached_with_filters_in_the_right_places(TestDatabase db) {
        seed(db);
        try (Executor root = executor(db)) {
            for (int round = 0; round < 3; round++) {
                for (int tenant = 1; tenant <= 2; tenant++) {
                    List<Record2<String, String>> rows = root.with(TestPlugins.TENANT, tenant).dsl()
                            .select(USERS.NAME, POSTS.TITLE).from(USERS).leftJoin(POSTS).on(POSTS.USER_ID.eq(USERS.ID))
                            .where(USERS.ID.gt(0L)).orderBy(USERS.ID).fetch();
                    assertThat(rows.stream().map(r -> r.value1() + ":" + r.value2()).toList())
                            .containsExactlyElementsOf(tenant == 1 ? List.of("a1:p-a1") : List.of("b1:p-b1", "b2:p-b2"));
                }
            }
            assertThat(root.planCache().hits()).isEqualTo(5);
        }
    }

    @MatrixTest
    void cached_inserts_write_this_executions_caller_and_plugin_values(TestDatabase db) {
        seed(db);
        try (Executor root = executor(db)) {
            LocalDateTime[] stamps = {LocalDateTime.of(2026, 5, 1, 10, 0), LocalDateTime.of(2026, 5, 2, 11, 0),
                    LocalDateTime.of(2026, 5, 3, 12, 0)};
            for (int i = 0; i < stamps.length; i++) {
                int tenant = i % 2 + 1;
                root.with(java.util.Map.<ContextKey<?>, Object>of(TestPlugins.TENANT, tenant, NOW, stamps[i])).dsl()
                        .insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(20L + i, "n" + i + "@example.com", "n" + i)
                        .execute();
            }
            assertThat(root.planCache().hits()).isEqualTo(2);
            assertThat(db.dsl().select(USERS.ID, USERS.NAME, USERS.TENANT_ID, USERS.CREATED_AT, USERS.UPDATED_AT).from(USERS)
                    .where(USERS.ID.ge(20L)).orderBy(USERS.ID).fetch()
                    .map(r -> r.value1() + "|" + r.value2() + "|" + r.value3() + "|" + r.value4() + "|" + r.value5()))
                    .containsExactly("20|n0|1|" + stamps[0] + "|" + stamps[0], "21|n1|2|" + stamps[1] + "|" + stamps[1],
                            "22|n2|1|" + stamps[2] + "|" + stamps[2]);
            // Rows of other statements are untouched.
            assertThat(db.dsl().fetchCount(USERS)).isEqualTo(7);
        }
    }

    @MatrixTest
    void cached_multi_row_inserts_bind_every_row(TestDatabase db) {
        seed(db);
        try (Executor root = executor(db)) {
            for (int round = 0; round < 2; round++) {
                long base = 100L + round * 10;
                root.with(TestPlugins.TENANT, round + 1).dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME)
                        .values(base, "m" + base + "@example.com", "m" + base)
                        .values(base + 1, "m" + (base + 1) + "@example.com", "m" + (base + 1))
                        .values(base + 2, "m" + (base + 2) + "@example.com", "m" + (base + 2)).execute();
            }
            assertThat(root.planCache().hits()).isEqualTo(1);
            assertThat(db.dsl().select(USERS.ID, USERS.TENANT_ID, USERS.CREATED_AT).from(USERS).where(USERS.ID.ge(100L))
                    .orderBy(USERS.ID).fetch().map(r -> r.value1() + "|" + r.value2() + "|" + r.value3()))
                    .containsExactly("100|1|" + TestPlugins.STAMP, "101|1|" + TestPlugins.STAMP, "102|1|" + TestPlugins.STAMP,
                            "110|2|" + TestPlugins.STAMP, "111|2|" + TestPlugins.STAMP, "112|2|" + TestPlugins.STAMP);
        }
    }

    @MatrixTest
    void cached_updates_touch_only_visible_rows_and_stamp_them(TestDatabase db) {
        seed(db);
        try (Executor root = executor(db)) {
            LocalDateTime first = LocalDateTime.of(2026, 6, 1, 8, 0);
            LocalDateTime second = LocalDateTime.of(2026, 6, 2, 9, 0);
            int one = root.with(java.util.Map.<ContextKey<?>, Object>of(TestPlugins.TENANT, 1, NOW, first)).dsl().update(USERS).set(USERS.STATUS, "suspended")
                    .where(USERS.ID.gt(0L)).execute();
            int two = root.with(java.util.Map.<ContextKey<?>, Object>of(TestPlugins.TENANT, 2, NOW, second)).dsl().update(USERS).set(USERS.STATUS, "closed")
                    .where(USERS.ID.gt(0L)).execute();
            assertThat(one).isEqualTo(1);
            assertThat(two).isEqualTo(2);
            assertThat(root.planCache().hits()).isEqualTo(1);
            assertThat(db.dsl().select(USERS.ID, USERS.STATUS, USERS.UPDATED_AT).from(USERS).orderBy(USERS.ID).fetch()
                    .map(r -> r.value1() + "|" + r.value2() + "|" + r.value3()))
                    .containsExactly("1|suspended|" + first, "2|active|null", "3|closed|" + second, "4|closed|" + second);
        }
    }

    @MatrixTest
    void eviction_keeps_the_cache_bounded_and_results_right(TestDatabase db) {
        seed(db);
        try (Executor root = Executor.builder().dsl(db.dsl()).plugin(new TenantFilter()).planCacheSize(2).build()) {
            DSLContext dsl = root.with(TestPlugins.TENANT, 2).dsl();
            for (int round = 0; round < 2; round++) {
                assertThat(dsl.select(USERS.NAME).from(USERS).orderBy(USERS.ID).fetch(USERS.NAME)).containsExactly("b1", "b2");
                assertThat(dsl.select(USERS.EMAIL).from(USERS).orderBy(USERS.ID).fetch(USERS.EMAIL))
                        .containsExactly("b1@example.com", "b2@example.com");
                assertThat(dsl.select(POSTS.TITLE).from(POSTS).orderBy(POSTS.ID).fetch(POSTS.TITLE)).containsExactly("p-b1", "p-b2");
            }
            PlanCacheStatistics statistics = root.planCache();
            assertThat(statistics.capacity()).isEqualTo(2);
            assertThat(statistics.size()).isEqualTo(2);
            // Three shapes in turn through two places: each is evicted before it comes back.
            assertThat(statistics.evictions()).isEqualTo(4);
            assertThat(statistics.hits()).isZero();
            assertThat(dsl.select(POSTS.TITLE).from(POSTS).orderBy(POSTS.ID).fetch(POSTS.TITLE)).containsExactly("p-b1", "p-b2");
            assertThat(root.planCache().hits()).isEqualTo(1);
        }
    }

    @MatrixTest
    void plain_sql_fragments_subqueries_and_deletes_are_planned_every_time(TestDatabase db) {
        seed(db);
        try (Executor root = executor(db)) {
            DSLContext dsl = root.with(TestPlugins.TENANT, 2).dsl();
            for (int round = 0; round < 2; round++) {
                assertThat(dsl.select(USERS.NAME).from(USERS).where(DSL.condition("1 = 1")).orderBy(USERS.ID).fetch(USERS.NAME))
                        .containsExactly("b1", "b2");
                assertThat(dsl.select(USERS.NAME).from(USERS).where(USERS.ID.in(DSL.select(POSTS.USER_ID).from(POSTS)))
                        .orderBy(USERS.ID).fetch(USERS.NAME)).containsExactly("b1", "b2");
            }
            assertThat(root.planCache().hits()).isZero();
            assertThat(root.planCache().size()).isZero();
            // A DELETE becomes the soft delete's UPDATE every time, judged by delete rules; never cached.
            assertThat(dsl.deleteFrom(USERS).where(USERS.ID.eq(3L)).execute()).isEqualTo(1);
            assertThat(dsl.deleteFrom(USERS).where(USERS.ID.eq(4L)).execute()).isEqualTo(1);
            assertThat(db.dsl().select(USERS.ID).from(USERS).where(USERS.DELETED_AT.isNotNull()).orderBy(USERS.ID).fetch(USERS.ID))
                    .containsExactly(2L, 3L, 4L);
            assertThat(root.planCache().hits()).isZero();
        }
    }

    @MatrixTest
    void observers_and_write_rules_are_never_served_from_the_cache(TestDatabase db) {
        seed(db);
        try (Executor strict = Executor.of(db.dsl(), new TestPlugins.Tenant(false))) {
            DSLContext tenant1 = strict.with(TestPlugins.TENANT, 1).dsl();
            assertThat(names(tenant1, 0)).containsExactly("a1", "a2");
            assertThat(names(tenant1, 0)).containsExactly("a1", "a2");
            // The write rule judges this execution's value: a cached plan could not.
            assertThatThrownBy(() -> tenant1.update(USERS).set(USERS.TENANT_ID, 2).where(USERS.ID.eq(1L)).execute())
                    .isInstanceOf(AccessDeniedException.class);
            assertThat(strict.planCache().hits()).isZero();
            assertThat(strict.planCache().misses()).isZero();
        }
    }

    @MatrixTest
    void configurations_with_the_callers_own_listeners_are_never_cached(TestDatabase db) {
        seed(db);
        org.jooq.VisitListenerProvider visit = () -> new org.jooq.VisitListener() {
        };
        org.jooq.ExecuteListenerProvider execute = new org.jooq.impl.DefaultExecuteListenerProvider(new org.jooq.ExecuteListener() {
        });
        for (org.jooq.Configuration configuration : List.of(db.dsl().configuration().derive(visit),
                db.dsl().configuration().derive(execute))) {
            try (Executor root = Executor.builder().configuration(configuration).plugin(new TenantFilter()).build()) {
                assertThat(names(root.with(TestPlugins.TENANT, 2).dsl(), 0)).containsExactly("b1", "b2");
                assertThat(names(root.with(TestPlugins.TENANT, 1).dsl(), 0)).containsExactly("a1", "a2");
                assertThat(root.planCache().misses()).isZero();
                assertThat(root.planCache().hits()).isZero();
            }
        }
    }

    @MatrixTest
    void threads_with_different_tenants_never_see_foreign_rows(TestDatabase db) throws Exception {
        seed(db);
        int threads = 8;
        try (Executor root = executor(db)) {
            DSLContext raw = db.dsl();
            for (int tenant = 3; tenant <= threads; tenant++) {
                raw.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME, USERS.TENANT_ID)
                        .values(100L + tenant, "t" + tenant + "@example.com", "tenant-" + tenant, tenant).execute();
            }
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<List<String>>> results = new ArrayList<>();
                for (int tenant = 1; tenant <= threads; tenant++) {
                    Executor mine = root.with(TestPlugins.TENANT, tenant);
                    results.add(pool.submit(() -> {
                        start.await();
                        List<String> seen = new ArrayList<>();
                        for (int round = 0; round < 25; round++) {
                            seen.addAll(names(mine.dsl(), 0));
                        }
                        return seen;
                    }));
                }
                start.countDown();
                for (int tenant = 1; tenant <= threads; tenant++) {
                    List<String> expected = switch (tenant) {
                        case 1 -> List.of("a1");
                        case 2 -> List.of("b1", "b2");
                        default -> List.of("tenant-" + tenant);
                    };
                    List<String> seen = results.get(tenant - 1).get(60, TimeUnit.SECONDS);
                    assertThat(seen).hasSize(25 * expected.size()).containsOnly(expected.toArray(String[]::new));
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(root.planCache().hits()).isGreaterThanOrEqualTo(threads * 25 - threads);
        }
    }

    @MatrixTest
    void records_stored_through_a_cacheable_executor_keep_their_ids_and_values(TestDatabase db) {
        seed(db);
        try (Executor root = executor(db)) {
            for (int round = 0; round < 2; round++) {
                for (int tenant = 1; tenant <= 2; tenant++) {
                    long id = 50L + round * 10 + tenant;
                    var user = root.with(TestPlugins.TENANT, tenant).dsl().newRecord(USERS);
                    user.setId(id);
                    user.setEmail("s" + id + "@example.com");
                    user.setName("s" + id);
                    assertThat(user.store()).isEqualTo(1);
                    assertThat(user.getId()).isEqualTo(id);
                    user.setName("renamed" + id);
                    assertThat(user.store()).isEqualTo(1);
                }
            }
            assertThat(db.dsl().select(USERS.ID, USERS.NAME, USERS.TENANT_ID).from(USERS).where(USERS.ID.ge(50L)).orderBy(USERS.ID)
                    .fetch().map(r -> r.value1() + "|" + r.value2() + "|" + r.value3()))
                    .containsExactly("51|renamed51|1", "52|renamed52|2", "61|renamed61|1", "62|renamed62|2");
        }
    }

    /** Hides soft-deleted rows and reads no context, so kept statements may be re-executed. */
    static final class HideDeleted extends OnTenantTables {
        HideDeleted() {
            super("hide-deleted");
        }

        @Override
        public boolean readsContext() {
            return false;
        }

        @Override
        public void register(PluginRoles roles) {
            roles.rowFilter((table, operation, context) -> Optional.of(table.field("deleted_at").isNull()));
        }
    }

    @MatrixTest
    void a_kept_statement_is_never_served_from_the_cache(TestDatabase db) {
        seed(db);
        try (Executor executor = Executor.builder().dsl(db.dsl()).plugin(new HideDeleted()).build()) {
            assertThat(names(executor.dsl(), 0)).containsExactly("a1", "b1", "b2");
            long hits = executor.planCache().hits();
            try (var kept = executor.dsl().select(USERS.NAME).from(USERS).where(USERS.ID.ge(0L)).orderBy(USERS.ID)
                    .keepStatement(true)) {
                assertThat(kept.fetch(USERS.NAME)).containsExactly("a1", "b1", "b2");
                kept.bind(1, 4L);
                // jOOQ re-runs the kept statement with this new value; a cached plan would have bound its own.
                assertThat(kept.fetch(USERS.NAME)).containsExactly("b2");
            }
            assertThat(executor.planCache().hits()).isEqualTo(hits);
            assertThat(names(executor.dsl(), 0)).containsExactly("a1", "b1", "b2");
            assertThat(executor.planCache().hits()).isEqualTo(hits + 1);
        }
    }

    @Test
    void a_negative_size_is_refused_and_zero_turns_the_cache_off() {
        assertThatThrownBy(() -> Executor.builder().planCacheSize(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        try (Executor off = Executor.builder().dsl(DSL.using(org.jooq.SQLDialect.H2)).planCacheSize(0).build()) {
            assertThat(off.planCache()).isEqualTo(new PlanCacheStatistics(false, 0, 0, 0, 0, 0));
        }
    }
}
