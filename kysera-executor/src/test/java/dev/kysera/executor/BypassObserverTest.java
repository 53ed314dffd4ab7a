package dev.kysera.executor;

import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.executor.plan.TableUse;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** {@link PluginRoles#bypassObserver}: sees exactly the statements that run without its plugin. */
class BypassObserverTest {

    private final List<String> observed = new CopyOnWriteArrayList<>();
    private final List<String> bypassed = new CopyOnWriteArrayList<>();

    private Plugin watching(String name) {
        return new Plugin() {
            public String name() {
                return name;
            }

            public void register(PluginRoles roles) {
                roles.statementObserver(new StatementObserver() {
                    public void afterStatement(StatementEvent event) {
                        observed.add(name + " " + describe(event));
                    }
                }).bypassObserver(new StatementObserver() {
                    public void afterStatement(StatementEvent event) {
                        bypassed.add(name + " " + describe(event));
                    }
                });
            }
        };
    }

    private static String describe(StatementEvent event) {
        return event.plan().kind() + " " + event.plan().tables().stream().map(TableUse::table).map(TableReference::name).toList();
    }

    @MatrixTest
    void only_statements_run_without_the_plugin_reach_its_bypass_observer(TestDatabase db) {
        CorpusData.seed(db);
        Executor executor = Executor.of(db.dsl(), watching("a"), watching("b"));
        executor.dsl().selectFrom(USERS).fetch();
        assertThat(observed).containsExactlyInAnyOrder("a SELECT [users]", "b SELECT [users]");
        assertThat(bypassed).isEmpty();
        observed.clear();
        executor.withoutPlugin("a").dsl().deleteFrom(USERS).where(USERS.ID.eq(-1L)).execute();
        assertThat(observed).containsExactly("b DELETE [users]");
        assertThat(bypassed).containsExactly("a DELETE [users]");
        observed.clear();
        bypassed.clear();
        executor.withoutPlugins().dsl().selectFrom(USERS).fetch();
        assertThat(observed).isEmpty();
        assertThat(bypassed).containsExactlyInAnyOrder("a SELECT [users]", "b SELECT [users]");
    }
}
