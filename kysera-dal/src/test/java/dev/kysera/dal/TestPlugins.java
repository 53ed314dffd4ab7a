package dev.kysera.dal;

import dev.kysera.executor.ContextKey;
import dev.kysera.executor.Plugin;
import dev.kysera.executor.PluginContext;
import dev.kysera.executor.StatementKind;
import dev.kysera.executor.TableReference;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** Two small filtering plugins (a tenant filter and a soft-delete filter) for the DAL tests. */
final class TestPlugins {

    static final ContextKey<Integer> TENANT = ContextKey.of("tenant", Integer.class);
    static final LocalDateTime STAMP = LocalDateTime.of(2026, 1, 2, 3, 4, 5);
    private static final Set<String> TABLES = Set.of("users", "posts");

    private TestPlugins() {
    }

    /** Rows of users/posts are visible only to their tenant; without a tenant, nothing is. */
    static final class Tenant implements Plugin {
        @Override
        public String name() {
            return "tenant";
        }

        @Override
        public int priority() {
            return 1000;
        }

        @Override
        public boolean appliesTo(TableReference table) {
            return TABLES.contains(table.name());
        }

        @Override
        public Optional<Condition> visibility(TableReference table, StatementKind kind, PluginContext context) {
            return Optional.of(context.get(TENANT)
                    .map(tenant -> table.field("tenant_id", SQLDataType.INTEGER).eq(tenant))
                    .orElse(DSL.falseCondition()));
        }
    }

    /** Hides rows whose deleted_at is set. */
    static final class SoftDelete implements Plugin {
        @Override
        public String name() {
            return "soft-delete";
        }

        @Override
        public boolean appliesTo(TableReference table) {
            return TABLES.contains(table.name());
        }

        @Override
        public Optional<Condition> visibility(TableReference table, StatementKind kind, PluginContext context) {
            return Optional.of(table.field("deleted_at").isNull());
        }
    }
}
