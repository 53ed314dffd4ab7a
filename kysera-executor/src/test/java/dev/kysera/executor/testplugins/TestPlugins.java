package dev.kysera.executor.testplugins;

import dev.kysera.executor.*;

import dev.kysera.executor.plan.PostImage;
import dev.kysera.executor.plan.WrittenValue;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jooq.Field;
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

    /**
     * A plugin that only observes transactions, adding "begin d", "before commit d", "commit d"
     * and "rollback d: message" (d the depth) to {@code events}.
     */
    public static Plugin transactionEvents(List<String> events) {
        return new Plugin() {
            @Override
            public String name() {
                return "transaction events";
            }

            @Override
            public void register(PluginRoles roles) {
                roles.transactionObserver(new TransactionObserver() {
                    @Override
                    public void afterBegin(TransactionHandle transaction) {
                        events.add("begin " + transaction.depth());
                    }

                    @Override
                    public void beforeCommit(TransactionHandle transaction) {
                        events.add("before commit " + transaction.depth());
                    }

                    @Override
                    public void afterCommit(TransactionHandle transaction) {
                        events.add("commit " + transaction.depth());
                    }

                    @Override
                    public void afterRollback(TransactionHandle transaction, Throwable cause) {
                        events.add("rollback " + transaction.depth() + ": " + cause.getMessage());
                    }
                });
            }
        };
    }

    /**
     * Rows of users/posts belong to a tenant: filter by it, stamp it on insert, refuse rows written
     * for another tenant. Fail-closed, it also refuses what it cannot see into and relations other
     * than users, posts and the tables listed as known.
     */
    public static final class Tenant implements Plugin {
        private final boolean failClosed;
        private final Set<String> known;
        private final BypassToken token = BypassToken.create("tenant maintenance");

        public Tenant() {
            this(false);
        }

        public Tenant(boolean failClosed) {
            this(failClosed, null);
        }

        /** @param known relations a fail-closed tenant plugin accepts besides its own tables; null for any */
        public Tenant(boolean failClosed, Set<String> known) {
            this.failClosed = failClosed;
            this.known = known;
        }

        /** The token that bypasses this plugin. */
        public BypassToken bypassToken() {
            return token;
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
        public boolean appliesTo(TableReference table) {
            return TENANT_TABLES.contains(table.name());
        }

        @Override
        public void register(PluginRoles roles) {
            roles.rowFilter((table, operation, context) -> Optional.of(context.get(TENANT)
                            .map(tenant -> table.field("tenant_id", SQLDataType.INTEGER).eq(tenant))
                            .orElse(DSL.falseCondition())))
                    .writeValues((table, operation, context) -> operation == Operation.INSERT
                            ? context.get(TENANT).map(t -> List.of(Assignment.of("tenant_id", t))).orElse(List.of())
                            : List.of())
                    .writeRule(this::judge);
            if (failClosed) {
                roles.enforcement(new Enforcement() {
                    @Override
                    public boolean knows(TableReference relation) {
                        return known == null || TENANT_TABLES.contains(relation.name()) || known.contains(relation.name());
                    }

                    @Override
                    public boolean permitsBypass(BypassToken offered) {
                        return offered == token;
                    }
                });
            }
        }

        @SuppressWarnings("unchecked")
        private Verdict judge(TableReference table, Operation operation, PostImage image, PluginContext context) {
            Integer tenant = context.get(TENANT).orElse(null);
            Optional<WrittenValue> written = image.value("tenant_id");
            if (written.isEmpty()) {
                return operation == Operation.INSERT && failClosed ? Verdict.refuse("a row without tenant_id") : Verdict.allow();
            }
            return switch (written.get()) {
                case WrittenValue.Constant constant -> Objects.equals(constant.value(), tenant) || !failClosed && constant.value() == null
                        ? Verdict.allow()
                        : Verdict.refuse("write to " + table.name() + " for tenant " + constant.value() + " outside tenant " + tenant);
                case WrittenValue.Computed computed -> Verdict.require(((Field<Object>) computed.expression()).eq(tenant));
                case WrittenValue.BoundAtExecution bound -> Verdict.refuse("unreachable: bound values are judged as constants");
                case WrittenValue.Opaque opaque -> Verdict.refuse("tenant_id written as " + opaque.reason());
            };
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
        public void register(PluginRoles roles) {
            roles.rowFilter((table, operation, context) -> Optional.of(table.field("deleted_at").isNull()));
            if (deleteAsUpdate) {
                roles.transform((table, operation, context) -> operation == Operation.DELETE
                        ? Transform.deleteAsUpdate(List.of(Assignment.forced("deleted_at", STAMP)))
                        : Transform.keep());
            }
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
        public void register(PluginRoles roles) {
            roles.writeValues((table, operation, context) -> switch (operation) {
                case INSERT -> List.of(Assignment.of("created_at", STAMP), Assignment.of("updated_at", STAMP));
                case UPDATE -> List.of(Assignment.of("updated_at", STAMP));
                default -> List.of();
            });
        }
    }
}
