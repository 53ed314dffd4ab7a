package dev.kysera.executor.internal;

import static dev.kysera.testsupport.schema.Tables.ACCOUNTS;
import static dev.kysera.testsupport.schema.Tables.POSTS;
import static dev.kysera.testsupport.schema.Tables.POST_TAGS;
import static dev.kysera.testsupport.schema.Tables.TAGS;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.executor.Executor;
import dev.kysera.executor.Plugin;
import dev.kysera.executor.PluginRoles;
import dev.kysera.executor.StatementEvent;
import dev.kysera.executor.StatementKind;
import dev.kysera.executor.StatementObserver;
import dev.kysera.executor.plan.StatementPlan;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jooq.Record;
import org.jooq.Result;

/**
 * The executor's pre-image SELECT is rendered by jOOQ once per statement shape and then run as plain
 * JDBC with the statement's own binds: the rows are exactly those jOOQ reads (every column, the same
 * fields), and shapes it does not model keep the jOOQ query.
 */
class PreImageReadsTest {

    private final List<Result<Record>> preImages = new CopyOnWriteArrayList<>();

    /** An observer that wants only the pre-image (so PostgreSQL's DELETE reads one too). */
    private Plugin preImageObserver() {
        return new Plugin() {
            @Override
            public String name() {
                return "pre-images";
            }

            @Override
            public void register(PluginRoles roles) {
                roles.statementObserver(new StatementObserver() {
                    @Override
                    public boolean wantsPreImage(StatementPlan plan) {
                        return plan.kind() == StatementKind.UPDATE || plan.kind() == StatementKind.DELETE;
                    }

                    @Override
                    public void afterStatement(StatementEvent event) {
                        event.preImage().ifPresent(preImages::add);
                    }
                });
            }
        };
    }

    private static void seedUsers(TestDatabase db) {
        db.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME, USERS.TENANT_ID).values(1L, "a@x", "a", 7).values(2L, "b@x", "b", 7)
                .values(3L, "c@x", "c", null).execute();
    }

    @MatrixTest
    void the_second_update_of_a_shape_reads_its_pre_image_by_the_cached_select_with_the_same_rows(TestDatabase db) {
        db.useTestSchema();
        seedUsers(db);
        List<Map<String, Object>> before = db.dsl().selectFrom(USERS).orderBy(USERS.ID).fetch().intoMaps();
        long cached = PreImageReads.cachedReads();
        try (Executor executor = Executor.of(db.dsl(), preImageObserver())) {
            assertThat(executor.dsl().update(USERS).set(USERS.NAME, "x").where(USERS.ID.eq(1L).and(USERS.TENANT_ID.eq(7))).execute()).isEqualTo(1);
            assertThat(PreImageReads.cachedReads() - cached).isZero(); // the first of its shape: jOOQ renders it
            assertThat(executor.dsl().update(USERS).set(USERS.NAME, "y").where(USERS.ID.eq(2L).and(USERS.TENANT_ID.eq(7))).execute()).isEqualTo(1);
            assertThat(executor.dsl().update(USERS).set(USERS.NAME, "z").where(USERS.ID.eq(3L).and(USERS.TENANT_ID.eq(7))).execute()).isZero();
            // A key change (a shape of its own, so jOOQ's): the pre-image has the old key.
            assertThat(executor.dsl().update(USERS).set(USERS.ID, 9L).where(USERS.ID.eq(1L).and(USERS.TENANT_ID.eq(7))).execute()).isEqualTo(1);
        }
        assertThat(PreImageReads.cachedReads() - cached).isEqualTo(2);
        assertThat(preImages).hasSize(4);
        assertThat(preImages.get(0).intoMaps()).containsExactly(before.get(0));
        assertThat(preImages.get(1).intoMaps()).containsExactly(before.get(1));
        assertThat(preImages.get(2)).isEmpty();
        assertThat(preImages.get(3).intoMaps()).containsExactly(withName(before.get(0), "x"));
        assertThat(preImages.get(1).fields()).containsExactly(preImages.get(0).fields()); // the same fields, so the same types
        assertThat(db.dsl().select(USERS.ID, USERS.NAME).from(USERS).orderBy(USERS.ID).fetch().intoMaps())
                .containsExactly(Map.of("id", 2L, "name", "y"), Map.of("id", 3L, "name", "c"), Map.of("id", 9L, "name", "x"));
    }

    private static Map<String, Object> withName(Map<String, Object> row, String name) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(row);
        copy.put("name", name);
        return copy;
    }

    @MatrixTest
    void deletes_by_a_composite_key_read_their_pre_image_by_the_cached_select(TestDatabase db) {
        db.useTestSchema();
        seedUsers(db);
        db.dsl().insertInto(POSTS, POSTS.ID, POSTS.USER_ID, POSTS.TITLE).values(1L, 1L, "t").execute();
        db.dsl().insertInto(TAGS, TAGS.ID, TAGS.NAME).values(7L, "seven").values(8L, "eight").execute();
        db.dsl().insertInto(POST_TAGS, POST_TAGS.POST_ID, POST_TAGS.TAG_ID).values(1L, 7L).values(1L, 8L).execute();
        long cached = PreImageReads.cachedReads();
        try (Executor executor = Executor.of(db.dsl(), preImageObserver())) {
            executor.transaction(tx -> {
                assertThat(tx.dsl().deleteFrom(POST_TAGS).where(POST_TAGS.POST_ID.eq(1L), POST_TAGS.TAG_ID.eq(7L)).execute()).isEqualTo(1);
                assertThat(tx.dsl().deleteFrom(POST_TAGS).where(POST_TAGS.POST_ID.eq(1L), POST_TAGS.TAG_ID.eq(8L)).execute()).isEqualTo(1);
            });
        }
        assertThat(PreImageReads.cachedReads() - cached).isEqualTo(1);
        assertThat(preImages).extracting(rows -> rows.intoMaps()).containsExactly(
                List.of(Map.of("post_id", 1L, "tag_id", 7L)), List.of(Map.of("post_id", 1L, "tag_id", 8L)));
        assertThat(db.dsl().fetchCount(POST_TAGS)).isZero();
    }

    @MatrixTest
    void a_shape_whose_binds_it_does_not_model_keeps_the_jooq_query(TestDatabase db) {
        db.useTestSchema();
        db.dsl().insertInto(ACCOUNTS, ACCOUNTS.ID, ACCOUNTS.OWNER, ACCOUNTS.BALANCE).values(java.util.UUID.randomUUID(), "ann", new BigDecimal("12.30"))
                .values(java.util.UUID.randomUUID(), "bob", new BigDecimal("5.00")).execute();
        long cached = PreImageReads.cachedReads();
        try (Executor executor = Executor.of(db.dsl(), preImageObserver())) {
            assertThat(executor.dsl().update(ACCOUNTS).set(ACCOUNTS.OWNER, "x").where(ACCOUNTS.BALANCE.gt(new BigDecimal("10"))).execute())
                    .isEqualTo(1);
            assertThat(executor.dsl().update(ACCOUNTS).set(ACCOUNTS.OWNER, "y").where(ACCOUNTS.BALANCE.lt(new BigDecimal("10"))).execute())
                    .isEqualTo(1);
            assertThat(executor.dsl().update(ACCOUNTS).set(ACCOUNTS.OWNER, "z").where(ACCOUNTS.BALANCE.lt(new BigDecimal("10"))).execute())
                    .isEqualTo(1);
        }
        assertThat(PreImageReads.cachedReads() - cached).isZero();
        assertThat(preImages).extracting(rows -> rows.getValues(ACCOUNTS.OWNER)).containsExactly(List.of("ann"), List.of("bob"), List.of("y"));
        assertThat(preImages.get(0).getValue(0, ACCOUNTS.BALANCE)).isEqualByComparingTo("12.30");
    }
}
