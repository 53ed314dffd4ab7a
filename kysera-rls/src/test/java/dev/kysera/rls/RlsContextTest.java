package dev.kysera.rls;

import static dev.kysera.rls.Fixtures.A1;
import static dev.kysera.rls.Fixtures.AS_ALICE;
import static dev.kysera.rls.Fixtures.AS_CAROL;
import static dev.kysera.rls.Fixtures.C1;
import static dev.kysera.rls.Fixtures.as;
import static dev.kysera.rls.Fixtures.contents;
import static dev.kysera.rls.Fixtures.titles;
import static dev.kysera.testsupport.schema.Tables.POSTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.error.AccessDeniedException;
import dev.kysera.dal.Dal;
import dev.kysera.dal.DbContext;
import dev.kysera.dal.DbQuery;
import dev.kysera.executor.BypassToken;
import dev.kysera.executor.Executor;
import dev.kysera.executor.PluginConfigurationException;
import dev.kysera.repository.Repository;
import dev.kysera.repository.Values;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;

/** Missing context, failing rules, bypass, transactions, repositories and concurrent contexts. */
class RlsContextTest {

    @MatrixTest
    void without_a_context_every_statement_on_a_protected_table_is_refused(TestDatabase db) {
        DSLContext none = Fixtures.executor(db).dsl();
        Result<Record> before = contents(db, POSTS);
        assertThatThrownBy(() -> none.selectFrom(POSTS).fetch())
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("no RLS context");
        assertThatThrownBy(() -> none.update(POSTS).set(POSTS.TITLE, "x").execute()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> none.deleteFrom(POSTS).execute()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> none.insertInto(POSTS, POSTS.ID, POSTS.TITLE, POSTS.USER_ID, POSTS.TENANT_ID)
                .values(2100L, "x", Fixtures.ALICE, 1).execute()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> none.fetch("select * from users")).isInstanceOf(AccessDeniedException.class);
        assertThat(contents(db, POSTS)).isEqualTo(before);
        // Rendering for display never throws.
        assertThatCode(() -> none.selectFrom(POSTS).toString()).doesNotThrowAnyException();
        // Harmless tables need no context.
        assertThat(none.selectFrom(dev.kysera.testsupport.schema.Tables.TAGS).fetch()).hasSize(2);
    }

    @MatrixTest
    void with_missing_context_empty_reads_see_nothing_and_writes_touch_nothing(TestDatabase db) {
        Fixtures.seed(db);
        RlsOptions options = Fixtures.options().missingContext(RlsOptions.MissingContext.EMPTY).build();
        DSLContext none = Executor.of(db.dsl(), RlsPlugin.of(options)).dsl();
        Result<Record> before = contents(db, POSTS);
        assertThat(none.selectFrom(POSTS).fetch()).isEmpty();
        assertThat(none.fetch("select title from posts")).isEmpty();
        assertThat(none.update(POSTS).set(POSTS.TITLE, "x").execute()).isZero();
        assertThat(none.deleteFrom(POSTS).execute()).isZero();
        assertThatThrownBy(() -> none.insertInto(POSTS, POSTS.ID, POSTS.TITLE, POSTS.USER_ID, POSTS.TENANT_ID)
                .values(2100L, "x", Fixtures.ALICE, 1).execute()).isInstanceOf(AccessDeniedException.class);
        assertThat(contents(db, POSTS)).isEqualTo(before);
    }

    @MatrixTest
    void a_rule_reading_an_absent_context_value_denies_keeping_the_cause(TestDatabase db) {
        Executor executor = Fixtures.executor(db);
        DSLContext noTenant = as(executor, RlsContext.user(Fixtures.ALICE, "user"));
        assertThatThrownBy(() -> noTenant.selectFrom(POSTS).fetch())
                .isInstanceOfSatisfying(RlsAccessDeniedException.class, e -> {
                    assertThat(e.policy()).isEqualTo("tenant_filter");
                    assertThat(e.getCause()).isInstanceOf(RlsContext.MissingValueException.class);
                    assertThat(e.table()).isEqualTo("posts");
                    assertThat(e.operation()).isEqualTo("read");
                });
        Result<Record> before = contents(db, POSTS);
        assertThatThrownBy(() -> noTenant.insertInto(POSTS, POSTS.ID, POSTS.TITLE).values(2100L, "x").execute())
                .isInstanceOf(RlsAccessDeniedException.class).hasMessageContaining("tenant");
        assertThatThrownBy(() -> noTenant.deleteFrom(POSTS).execute()).isInstanceOf(RlsAccessDeniedException.class);
        assertThat(contents(db, POSTS)).isEqualTo(before);
    }

    @MatrixTest
    void a_rule_that_throws_or_returns_null_denies(TestDatabase db) {
        Fixtures.seed(db);
        IllegalStateException boom = new IllegalStateException("boom");
        RlsOptions throwing = RlsOptions.builder().policy(TablePolicy.forTable("posts").add(Policies.allowAll())
                .filter(s -> {
                    throw boom;
                }).build()).build();
        assertThatThrownBy(() -> as(Executor.of(db.dsl(), RlsPlugin.of(throwing)), AS_ALICE).selectFrom(POSTS).fetch())
                .isInstanceOfSatisfying(RlsAccessDeniedException.class, e -> {
                    assertThat(e.getCause()).isSameAs(boom);
                    assertThat(e.policy()).isEqualTo("posts_filter_2");
                });
        RlsOptions nulls = RlsOptions.builder().policy(TablePolicy.forTable("posts").add(Policies.allowAll())
                .deny(RlsOperation.READ, s -> null).build()).build();
        assertThatThrownBy(() -> as(Executor.of(db.dsl(), RlsPlugin.of(nulls)), AS_ALICE).selectFrom(POSTS).fetch())
                .isInstanceOf(RlsAccessDeniedException.class).hasMessageContaining("returned null");
        RlsOptions rowDependentCreate = RlsOptions.builder().policy(TablePolicy.forTable("posts")
                .allow(RlsOperation.CREATE, s -> s.column(POSTS.VIEWS).eq(0)).build()).build();
        Result<Record> before = contents(db, POSTS);
        assertThatThrownBy(() -> as(Executor.of(db.dsl(), RlsPlugin.of(rowDependentCreate)), AS_ALICE)
                .insertInto(POSTS, POSTS.ID, POSTS.TITLE, POSTS.USER_ID).values(2100L, "x", Fixtures.ALICE).execute())
                .isInstanceOf(RlsAccessDeniedException.class).hasMessageContaining("not known before the row exists");
        assertThat(contents(db, POSTS)).isEqualTo(before);
    }

    @MatrixTest
    void only_the_claimed_token_bypasses_the_plugin(TestDatabase db) {
        Fixtures.seed(db);
        RlsPlugin rls = RlsPlugin.of(Fixtures.options().build());
        Executor executor = Executor.of(db.dsl(), rls).with(RlsPlugin.CONTEXT, AS_ALICE);
        assertThatThrownBy(() -> executor.bypassing(BypassToken.create("forged"))).isInstanceOf(PluginConfigurationException.class);
        assertThatThrownBy(() -> executor.withoutPlugin("rls")).isInstanceOf(PluginConfigurationException.class);
        assertThatThrownBy(executor::withoutPlugins).isInstanceOf(PluginConfigurationException.class);
        BypassToken token = rls.claimBypassToken("nightly maintenance");
        assertThatThrownBy(() -> rls.claimBypassToken("again")).isInstanceOf(IllegalStateException.class);
        assertThat(token.purpose()).isEqualTo("nightly maintenance");
        assertThat(titles(executor.bypassing(token).dsl())).containsExactly("a1", "a2", "b1", "c1", "d1");
        // Also without any context, and for relations the plugin does not know.
        Executor system = Executor.of(db.dsl(), rls).bypassing(token);
        assertThat(system.dsl().selectFrom(dev.kysera.testsupport.schema.Tables.CATEGORIES).fetch()).isEmpty();
        // The token of one plugin does not bypass another.
        RlsPlugin other = RlsPlugin.of(Fixtures.options().build());
        assertThatThrownBy(() -> Executor.of(db.dsl(), other).bypassing(token)).isInstanceOf(PluginConfigurationException.class);
        assertThat(titles(executor.dsl())).containsExactly("a1", "a2", "b1");
    }

    @MatrixTest
    void a_denied_statement_in_a_transaction_rolls_back_the_allowed_ones(TestDatabase db) {
        Executor executor = Fixtures.executor(db).with(RlsPlugin.CONTEXT, AS_ALICE);
        Result<Record> before = contents(db, POSTS);
        assertThatThrownBy(() -> executor.transaction(tx -> {
            assertThat(tx.dsl().update(POSTS).set(POSTS.TITLE, "changed").where(POSTS.ID.eq(A1)).execute()).isEqualTo(1);
            tx.dsl().update(POSTS).set(POSTS.TENANT_ID, 2).where(POSTS.ID.eq(A1)).execute();
        })).isInstanceOf(AccessDeniedException.class);
        assertThat(contents(db, POSTS)).isEqualTo(before);
    }

    record Post(long id, String title) {
    }

    @MatrixTest
    void repositories_run_through_the_same_enforcement(TestDatabase db) {
        Executor executor = Fixtures.executor(db).with(RlsPlugin.CONTEXT, AS_ALICE);
        Repository<Post, Long, Values, Values> posts = Repository.builder(POSTS, POSTS.ID)
                .mapper(r -> new Post(r.get(POSTS.ID), r.get(POSTS.TITLE)))
                .build(executor);
        assertThat(posts.findAll(POSTS.ID)).extracting(Post::title).containsExactly("a1", "a2", "b1");
        assertThat(posts.findById(C1)).isEmpty();
        Result<Record> before = contents(db, POSTS);
        assertThat(posts.delete(C1)).isFalse();
        assertThat(posts.deleteByIds(List.of(C1, Fixtures.D1))).isZero();
        assertThat(posts.updateMany(POSTS.TENANT_ID.eq(2), Values.of(POSTS.TITLE, "x"))).isZero();
        assertThatThrownBy(() -> posts.update(A1, Values.of(POSTS.TENANT_ID, 2))).isInstanceOf(AccessDeniedException.class);
        assertThat(contents(db, POSTS)).isEqualTo(before);
    }

    @MatrixTest
    void dal_query_functions_carry_the_context_of_their_db_context(TestDatabase db) {
        Executor executor = Fixtures.executor(db);
        DbQuery<Void, List<String>> titles = DbQuery.of(ctx -> titles(ctx.dsl()));
        DbQuery<Long, Integer> rename = DbQuery.of((ctx, id) -> ctx.dsl().update(POSTS).set(POSTS.TITLE, "renamed")
                .where(POSTS.ID.eq(id)).execute());
        DbContext alice = DbContext.of(executor).with(RlsPlugin.CONTEXT, AS_ALICE);
        assertThat(titles.run(alice)).containsExactly("a1", "a2", "b1");
        assertThat(titles.run(DbContext.of(executor).with(RlsPlugin.CONTEXT, AS_CAROL))).containsExactly("c1", "d1");
        Result<Record> before = contents(db, POSTS);
        int renamed = Dal.<Integer>withTransaction(alice, tx -> rename.run(tx, C1));
        assertThat(renamed).isZero();
        assertThat(contents(db, POSTS)).isEqualTo(before);
        assertThatThrownBy(() -> titles.run(DbContext.of(executor))).isInstanceOf(RlsAccessDeniedException.class);
    }

    @MatrixTest
    void fifty_virtual_threads_alternating_tenants_see_and_touch_only_their_rows(TestDatabase db) throws Exception {
        Executor executor = Fixtures.executor(db);
        ConcurrentLinkedQueue<String> leaks = new ConcurrentLinkedQueue<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        AtomicInteger rounds = new AtomicInteger();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> tasks = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int task = i;
                tasks.add(threads.submit(() -> {
                    for (int round = 0; round < 200 && System.nanoTime() < deadline; round++) {
                        RlsContext context = (task + round) % 2 == 0 ? AS_ALICE : AS_CAROL;
                        List<String> expected = context == AS_ALICE ? List.of("a1", "a2", "b1") : List.of("c1", "d1");
                        List<String> seen = titles(as(executor, context));
                        if (!seen.equals(expected)) {
                            leaks.add(context.tenantId() + " saw " + seen);
                        }
                        int foreign = as(executor, context).update(POSTS).set(POSTS.VIEWS, POSTS.VIEWS)
                                .where(POSTS.TENANT_ID.ne((Integer) context.tenantId())).execute();
                        if (foreign != 0) {
                            leaks.add(context.tenantId() + " updated " + foreign + " foreign rows");
                        }
                        rounds.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
        }
        assertThat(leaks).isEmpty();
        assertThat(rounds.get()).isGreaterThanOrEqualTo(50);
    }
}
