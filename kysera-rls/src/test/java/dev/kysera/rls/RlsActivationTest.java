package dev.kysera.rls;

import static dev.kysera.rls.Fixtures.AS_ALICE;
import static dev.kysera.rls.Fixtures.AS_CAROL;
import static dev.kysera.rls.Fixtures.as;
import static dev.kysera.rls.Fixtures.titles;
import static dev.kysera.testsupport.schema.Tables.POSTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.executor.Executor;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.jooq.DSLContext;

/** Activation conditions are honoured when each statement is planned; thread-scoped contexts nest. */
class RlsActivationTest {

    /** Posts are readable by everyone; a deny on popular posts is active only as the activation says. */
    private static DSLContext alice(TestDatabase db, Activation activation, Clock clock) {
        Fixtures.seed(db);
        RlsOptions options = RlsOptions.builder().clock(clock).policy(TablePolicy.forTable("posts")
                .add(Policies.allowAll())
                .add(Rule.deny(RlsOperation.READ, s -> s.column(POSTS.VIEWS).gt(100)).activeWhen(activation))
                .build()).build();
        return as(Executor.of(db.dsl(), RlsPlugin.of(options)), AS_ALICE);
    }

    private static final java.util.List<String> ALL = java.util.List.of("a1", "a2", "b1", "c1", "d1");
    private static final java.util.List<String> WITHOUT_POPULAR = java.util.List.of("a1", "b1", "c1", "d1");

    @MatrixTest
    void an_environment_activation_is_honoured(TestDatabase db) {
        AtomicReference<String> environment = new AtomicReference<>("dev");
        DSLContext alice = alice(db, Activation.inEnvironment(environment::get, "production"), Clock.systemUTC());
        assertThat(titles(alice)).isEqualTo(ALL);
        environment.set("production");
        assertThat(titles(alice)).isEqualTo(WITHOUT_POPULAR);
    }

    @MatrixTest
    void a_feature_flag_activation_is_honoured(TestDatabase db) {
        Set<String> enabled = java.util.concurrent.ConcurrentHashMap.newKeySet();
        DSLContext alice = alice(db, Activation.whenFeature(enabled::contains, "hide-popular"), Clock.systemUTC());
        assertThat(titles(alice)).isEqualTo(ALL);
        enabled.add("hide-popular");
        assertThat(titles(alice)).isEqualTo(WITHOUT_POPULAR);
    }

    @MatrixTest
    void a_time_window_activation_is_honoured_across_midnight(TestDatabase db) {
        Activation night = Activation.between(LocalTime.of(22, 0), LocalTime.of(6, 0), ZoneOffset.UTC);
        Clock noon = Clock.fixed(Instant.parse("2026-01-02T12:00:00Z"), ZoneOffset.UTC);
        Clock lateNight = Clock.fixed(Instant.parse("2026-01-02T23:30:00Z"), ZoneOffset.UTC);
        Clock earlyMorning = Clock.fixed(Instant.parse("2026-01-02T05:59:00Z"), ZoneOffset.UTC);
        assertThat(titles(alice(db, night, noon))).isEqualTo(ALL);
        assertThat(titles(alice(db, night, lateNight))).isEqualTo(WITHOUT_POPULAR);
        assertThat(titles(alice(db, night, earlyMorning))).isEqualTo(WITHOUT_POPULAR);
        Activation office = Activation.between(LocalTime.of(9, 0), LocalTime.of(17, 0), ZoneOffset.UTC);
        assertThat(titles(alice(db, office, noon))).isEqualTo(WITHOUT_POPULAR);
        assertThat(titles(alice(db, office, lateNight))).isEqualTo(ALL);
        assertThat(titles(alice(db, office.and(night), noon))).isEqualTo(ALL);
    }

    @MatrixTest
    void an_activation_that_throws_denies(TestDatabase db) {
        DSLContext alice = alice(db, (context, now) -> {
            throw new IllegalStateException("flag service down");
        }, Clock.systemUTC());
        assertThatThrownBy(() -> titles(alice)).isInstanceOf(RlsAccessDeniedException.class).hasRootCauseMessage("flag service down");
    }

    @MatrixTest
    void a_thread_scoped_context_applies_nests_and_is_restored(TestDatabase db) throws Exception {
        Executor executor = Fixtures.executor(db);
        DSLContext dsl = executor.dsl();
        RlsPlugin.runAs(AS_ALICE, () -> {
            assertThat(titles(dsl)).containsExactly("a1", "a2", "b1");
            assertThat(RlsPlugin.callAs(AS_CAROL, () -> titles(dsl))).containsExactly("c1", "d1");
            assertThatThrownBy(() -> RlsPlugin.runAs(AS_CAROL, () -> {
                throw new IllegalStateException("inner fails");
            })).hasMessage("inner fails");
            assertThat(titles(dsl)).containsExactly("a1", "a2", "b1");
            // The executor's own context wins over the thread's.
            assertThat(titles(as(executor, AS_CAROL))).containsExactly("c1", "d1");
        });
        assertThatThrownBy(() -> titles(dsl)).isInstanceOf(RlsAccessDeniedException.class);
        // Virtual threads started inside a block do not inherit it.
        RlsPlugin.runAs(AS_ALICE, () -> {
            try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
                var other = threads.submit(() -> titles(dsl));
                assertThatThrownBy(other::get).hasCauseInstanceOf(RlsAccessDeniedException.class);
                var scoped = threads.submit(() -> RlsPlugin.callAs(AS_CAROL, () -> titles(dsl)));
                assertThat(scoped.get()).containsExactly("c1", "d1");
            } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
                throw new AssertionError(e);
            }
        });
    }
}
