package dev.kysera.executor;

import dev.kysera.core.error.KyseraException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The plugins the executor corpus runs with: a tenant filter, a soft-delete filter and timestamps.
 * Shared with other modules' tests through this module's test jar.
 */
public final class TestPlugins {

    public static final ContextKey<Integer> TENANT = ContextKey.of("tenant", Integer.class);
    public static final LocalDateTime STAMP = LocalDateTime.of(2026, 1, 2, 3, 4, 5);
    public static final Set<String> TENANT_TABLES = Set.of("users", "posts");

    private TestPlugins() {
    }

    /** Rows of users/posts belong to a tenant: filter by it, stamp it on insert, refuse foreign tenants. */
    public static final class Tenant implements Plugin {
        private final boolean failClosed;

        public Tenant() {
            this(false);
        }

        public Tenant(boolean failClosed) {
            this.failClosed = failClosed;
        }

        @Override
        public String name() {
            return "tenant";
        }

        @Override
        public int priority() {
            return 1000;
        }

        @Override
        public boolean failClosed() {
            return failClosed;
        }

        @Override
        public boolean appliesTo(TableReference table) {
            return TENANT_TABLES.contains(table.name());
        }

        @Override
        public Optional<Condition> visibility(TableReference table, StatementKind kind, PluginContext context) {
            return Optional.of(context.get(TENANT)
                    .map(tenant -> table.field("tenant_id", SQLDataType.INTEGER).eq(tenant))
                    .orElse(DSL.falseCondition()));
        }

        @Override
        public List<Assignment> assignments(TableReference table, StatementKind kind, PluginContext context) {
            return kind == StatementKind.INSERT
                    ? context.get(TENANT).map(t -> List.of(Assignment.of("tenant_id", t))).orElse(List.of())
                    : List.of();
        }

        @Override
        public void check(TableReference table, Write write, PluginContext context) {
            Optional<Object> written = write.constant("tenant_id");
            Integer tenant = context.get(TENANT).orElse(null);
            if (written.isPresent() && !written.get().equals(tenant)) {
                throw new KyseraException("TENANT_VIOLATION", "write to " + table.name() + " for tenant " + written.get()
                        + " outside tenant " + tenant);
            }
        }
    }

    /** Hides rows whose deleted_at is set; optionally turns DELETE into UPDATE … SET deleted_at. */
    public static final class SoftDelete implements Plugin {
        private final boolean deleteAsUpdate;

        public SoftDelete() {
            this(false);
        }

        public SoftDelete(boolean deleteAsUpdate) {
            this.deleteAsUpdate = deleteAsUpdate;
        }

        @Override
        public String name() {
            return "soft-delete";
        }

        @Override
        public int priority() {
            return 500;
        }

        @Override
        public boolean appliesTo(TableReference table) {
            return TENANT_TABLES.contains(table.name());
        }

        @Override
        public Optional<Condition> visibility(TableReference table, StatementKind kind, PluginContext context) {
            return Optional.of(table.field("deleted_at").isNull());
        }

        @Override
        public Optional<List<Assignment>> deleteAsUpdate(TableReference table, PluginContext context) {
            return deleteAsUpdate ? Optional.of(List.of(Assignment.of("deleted_at", STAMP))) : Optional.empty();
        }
    }

    /** Sets created_at on insert and updated_at on update (unless the statement sets them). */
    public static final class Stamps implements Plugin {
        @Override
        public String name() {
            return "stamps";
        }

        @Override
        public boolean appliesTo(TableReference table) {
            return TENANT_TABLES.contains(table.name());
        }

        @Override
        public List<Assignment> assignments(TableReference table, StatementKind kind, PluginContext context) {
            return switch (kind) {
                case INSERT -> List.of(Assignment.of("created_at", STAMP), Assignment.of("updated_at", STAMP));
                case UPDATE -> List.of(Assignment.of("updated_at", STAMP));
                default -> List.of();
            };
        }
    }
}
