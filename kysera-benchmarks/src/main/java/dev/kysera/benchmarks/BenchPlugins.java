package dev.kysera.benchmarks;

import dev.kysera.executor.Assignment;
import dev.kysera.executor.ContextKey;
import dev.kysera.executor.Plugin;
import dev.kysera.executor.PluginRoles;
import dev.kysera.executor.TableReference;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The two filtering plugins the "with plugins" variants run with: a soft-delete style
 * {@code deleted_at is null} and a tenant filter {@code tenant_id = ?} read from a {@link ContextKey}
 * when the statement renders. Both apply to users and posts only. {@link Timestamps} is a third,
 * writing plugin the repository benchmarks add.
 */
public final class BenchPlugins {

    /** The current tenant, set on the executor with {@code executor.with(TENANT, id)}. */
    public static final ContextKey<Integer> TENANT = ContextKey.of("tenant", Integer.class);

    static final Set<String> FILTERED_TABLES = Set.of("users", "posts");

    private BenchPlugins() {
    }

    /** Rows belong to a tenant; without a tenant in context nothing is visible. */
    public static final class TenantFilter implements Plugin {
        @Override
        public String name() {
            return "bench-tenant";
        }

        @Override
        public int priority() {
            return 1000;
        }

        @Override
        public boolean appliesTo(TableReference table) {
            return FILTERED_TABLES.contains(table.name());
        }

        @Override
        public void register(PluginRoles roles) {
            roles.rowFilter((table, operation, context) -> Optional.of(context.get(TENANT)
                    .map(tenant -> table.field("tenant_id", SQLDataType.INTEGER).eq(tenant))
                    .orElse(DSL.falseCondition())));
        }
    }

    /** Hides rows whose deleted_at is set. Reads no context. */
    public static final class SoftDeleteFilter implements Plugin {
        @Override
        public String name() {
            return "bench-soft-delete";
        }

        @Override
        public int priority() {
            return 500;
        }

        @Override
        public boolean readsContext() {
            return false;
        }

        @Override
        public boolean appliesTo(TableReference table) {
            return FILTERED_TABLES.contains(table.name());
        }

        @Override
        public void register(PluginRoles roles) {
            roles.rowFilter((table, operation, context) -> Optional.of(table.field("deleted_at").isNull()));
        }
    }

    /**
     * Sets {@code created_at} and {@code updated_at} on INSERT and {@code updated_at} on UPDATE, to
     * the clock's time as a bind value (what a timestamps plugin does); explicit values win.
     */
    public static final class Timestamps implements Plugin {
        @Override
        public String name() {
            return "bench-timestamps";
        }

        @Override
        public boolean appliesTo(TableReference table) {
            return FILTERED_TABLES.contains(table.name());
        }

        @Override
        public void register(PluginRoles roles) {
            roles.writeValues((table, operation, context) -> {
                var now = DSL.val(LocalDateTime.now(), SQLDataType.LOCALDATETIME(6));
                return switch (operation) {
                    case INSERT -> List.of(Assignment.of("created_at", now), Assignment.of("updated_at", now));
                    case UPDATE -> List.of(Assignment.of("updated_at", now));
                    default -> List.of();
                };
            });
        }
    }
}
