package dev.kysera.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

class PluginOrderTest {

    private static final DSLContext SQLITE = DSL.using(SQLDialect.SQLITE);

    private record Named(String name, int priority, Set<String> dependsOn, Set<String> conflictsWith, List<String> log)
            implements Plugin {
        Named(String name, int priority, Set<String> dependsOn, List<String> log) {
            this(name, priority, dependsOn, Set.of(), log);
        }

        @Override
        public void register(PluginRoles roles) {
        }

        @Override
        public void onInit(DSLContext dsl) {
            log.add("init " + name);
            if (name.startsWith("bad-init")) {
                throw new IllegalStateException("cannot start");
            }
        }

        @Override
        public void onDestroy() {
            log.add("destroy " + name);
            if (name.startsWith("bad-destroy")) {
                throw new IllegalStateException("cannot stop " + name);
            }
        }
    }

    private static Named plugin(String name, int priority, String... dependsOn) {
        return new Named(name, priority, Set.of(dependsOn), new ArrayList<>());
    }

    private static List<String> order(Plugin... plugins) {
        return Executor.of(SQLITE, plugins).plugins().stream().map(Plugin::name).toList();
    }

    @Test
    void higher_priority_runs_first_and_ties_keep_registration_order() {
        assertThat(order(plugin("low", 0), plugin("high", 100), plugin("medium", 50))).containsExactly("high", "medium", "low");
        assertThat(order(plugin("zebra", 0), plugin("alpha", 0), plugin("beta", 0))).containsExactly("zebra", "alpha", "beta");
    }

    @Test
    void dependencies_run_before_dependents_even_with_lower_priority() {
        assertThat(order(plugin("d", 100), plugin("e", 50), plugin("f", 30), plugin("g", 40, "d")))
                .containsExactly("d", "e", "g", "f");
        assertThat(order(plugin("audit", -100, "timestamps"), plugin("timestamps", 50), plugin("soft-delete", 100)))
                .containsExactly("soft-delete", "timestamps", "audit");
        assertThat(order(plugin("child", 100, "parent"), plugin("parent", 0))).containsExactly("parent", "child");
    }

    @Test
    void inconsistent_plugin_lists_are_rejected_with_the_plugins_named() {
        assertThatThrownBy(() -> order(plugin("a", 0), plugin("a", 1)))
                .isInstanceOf(PluginConfigurationException.class).hasMessageContaining("'a'")
                .extracting("code").isEqualTo(PluginConfigurationException.DUPLICATE);
        assertThatThrownBy(() -> order(plugin("a", 0, "missing")))
                .isInstanceOf(PluginConfigurationException.class).hasMessageContaining("'missing'")
                .extracting("code").isEqualTo(PluginConfigurationException.MISSING_DEPENDENCY);
        Named conflicting = new Named("rls", 0, Set.of(), Set.of("other-rls"), new ArrayList<>());
        assertThat(order(conflicting)).containsExactly("rls");
        assertThatThrownBy(() -> order(conflicting, plugin("other-rls", 0)))
                .isInstanceOf(PluginConfigurationException.class).extracting("code").isEqualTo(PluginConfigurationException.CONFLICT);
        assertThatThrownBy(() -> order(plugin("a", 0, "b"), plugin("b", 0, "c"), plugin("c", 0, "a")))
                .isInstanceOf(PluginConfigurationException.class).hasMessageContaining("a -> b -> c -> a")
                .extracting("code").isEqualTo(PluginConfigurationException.CYCLE);
        assertThatThrownBy(() -> order(plugin("self", 0, "self"))).hasMessageContaining("self -> self");
    }

    @Test
    void init_runs_in_order_and_destroy_in_reverse_once() {
        List<String> log = new ArrayList<>();
        Executor executor = Executor.of(SQLITE, new Named("b", 0, Set.of(), log), new Named("a", 10, Set.of(), log));
        assertThat(log).containsExactly("init a", "init b");
        executor.close();
        executor.close();
        assertThat(log).containsExactly("init a", "init b", "destroy b", "destroy a");
    }

    @Test
    void a_failed_init_destroys_the_plugins_already_initialized() {
        List<String> log = new ArrayList<>();
        assertThatThrownBy(() -> Executor.of(SQLITE, new Named("ok", 10, Set.of(), log), new Named("bad-init", 0, Set.of(), log)))
                .isInstanceOf(PluginLifecycleException.class).hasMessageContaining("'bad-init'")
                .extracting("code").isEqualTo(PluginLifecycleException.INIT_FAILED);
        assertThat(log).containsExactly("init ok", "init bad-init", "destroy ok");
    }

    @Test
    void destroy_failures_are_collected_not_lost() {
        List<String> log = new ArrayList<>();
        Executor executor = Executor.of(SQLITE, new Named("bad-destroy-1", 2, Set.of(), log),
                new Named("fine", 1, Set.of(), log), new Named("bad-destroy-2", 0, Set.of(), log));
        assertThatThrownBy(executor::close).isInstanceOf(PluginLifecycleException.class)
                .hasMessageContaining("bad-destroy-2")
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                        .satisfies(s -> assertThat(s).hasMessageContaining("bad-destroy-1")));
        assertThat(log).contains("destroy bad-destroy-2", "destroy fine", "destroy bad-destroy-1");
    }

    @Test
    void an_executor_needs_a_dialect() {
        assertThatThrownBy(() -> Executor.of(DSL.using(SQLDialect.DEFAULT))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dialect");
    }

    @Test
    void without_planning_roles_nothing_watches_rendering_and_only_execution_is_observed() {
        DSLContext plain = DSL.using(SQLDialect.POSTGRES);
        Executor bare = Executor.builder().dsl(plain).translateErrors(false).build();
        // One execution listener remains: it refuses use after close and joins thread-bound transactions.
        assertThat(bare.dsl().configuration().visitListenerProviders()).isEmpty();
        assertThat(bare.dsl().configuration().executeListenerProviders()).hasSize(1);
        assertThat(bare.dsl().configuration().settings().getRenderImplicitJoinType())
                .isEqualTo(plain.configuration().settings().getRenderImplicitJoinType());
        // Error translation and, on SQLite, timestamps are the same listener's work: no second listener, no visit listener.
        Executor translating = Executor.of(plain);
        assertThat(translating.dsl().configuration().visitListenerProviders()).isEmpty();
        assertThat(translating.dsl().configuration().executeListenerProviders()).hasSize(1);
        Executor sqlite = Executor.of(DSL.using(SQLDialect.SQLITE));
        assertThat(sqlite.dsl().configuration().visitListenerProviders()).isEmpty();
        assertThat(sqlite.dsl().configuration().executeListenerProviders()).hasSize(1);
        Executor bypassed = Executor.of(plain, plugin("x", 0)).withoutPlugins();
        assertThat(bypassed.dsl().configuration().visitListenerProviders()).isEmpty();
    }

    @Test
    void extensions_are_found_by_typed_key() {
        Extension.Key<String, Integer> length = Extension.Key.of("length");
        Plugin offering = new Plugin() {
            @Override
            public String name() {
                return "offering";
            }

            @Override
            public List<Extension<?, ?>> extensions() {
                return List.of(new Extension<>(length, String::length));
            }
        };
        Executor executor = Executor.of(SQLITE, offering);
        int value = executor.extension(length, "four");
        assertThat(value).isEqualTo(4);
        Extension.Key<String, Integer> other = Extension.Key.of("other");
        assertThat(executor.findExtension(other, "x")).isEmpty();
        assertThatThrownBy(() -> executor.extension(other, "x")).isInstanceOf(PluginConfigurationException.class)
                .extracting("code").isEqualTo(PluginConfigurationException.NOT_FOUND);
    }
}
