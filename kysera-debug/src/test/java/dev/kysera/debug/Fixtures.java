package dev.kysera.debug;

import dev.kysera.executor.Executor;
import dev.kysera.executor.Plugin;
import dev.kysera.executor.PluginRoles;
import dev.kysera.executor.TableReference;
import dev.kysera.testsupport.TestDatabase;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** What the tests share: a capturing sink and a plugin that changes statements. */
final class Fixtures {

    private Fixtures() {
    }

    /** Collects log entries. */
    static final class Sink implements Consumer<LogEntry> {
        final List<LogEntry> entries = new CopyOnWriteArrayList<>();

        @Override
        public void accept(LogEntry entry) {
            entries.add(entry);
        }

        LogEntry only() {
            org.assertj.core.api.Assertions.assertThat(entries).hasSize(1);
            return entries.getFirst();
        }

        void clear() {
            entries.clear();
        }
    }

    /** Hides soft-deleted users from every statement: so {@code changedBy} names it. */
    static final Plugin HIDE_DELETED = new Plugin() {
        @Override
        public String name() {
            return "hide-deleted";
        }

        @Override
        public boolean appliesTo(TableReference table) {
            return table.is("users");
        }

        @Override
        public void register(PluginRoles roles) {
            roles.rowFilter((table, operation, ctx) -> Optional.of(table.field("deleted_at").isNull()));
        }
    };

    static Executor executor(TestDatabase db, Plugin... plugins) {
        return Executor.builder().dsl(db.dsl()).plugins(List.of(plugins)).build();
    }
}
