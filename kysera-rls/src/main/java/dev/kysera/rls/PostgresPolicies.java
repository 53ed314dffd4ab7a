package dev.kysera.rls;

import dev.kysera.executor.TableReference;
import dev.kysera.rls.internal.AppRoleDdl;
import dev.kysera.rls.internal.Names;
import dev.kysera.rls.internal.PolicyEngine;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.QOM;
import org.jooq.impl.SQLDataType;

/**
 * Native PostgreSQL row-level security generated from the same {@link RlsOptions} the plugin
 * enforces: {@code ENABLE} and {@code FORCE ROW LEVEL SECURITY}, context functions reading the
 * transaction-local settings {@link RlsOptions.Builder#nativeContext(boolean) nativeContext} sets,
 * and one {@code CREATE POLICY} per rule and operation (a rule for several operations gets one per
 * operation). Defense in depth: connections that bypass the executor — even plain JDBC — see the
 * same rows, as long as they connect as a role that neither owns the tables nor is superuser.
 *
 * <p>How rules map: filters and denies become {@code AS RESTRICTIVE} policies, allows
 * {@code AS PERMISSIVE} ones (none for an operation = PostgreSQL's default deny; a table without
 * default deny gets a permissive {@code true}), validate rules restrictive {@code WITH CHECK}s over
 * the row's column, and updating or deleting also needs the read rules, as in the plugin. Role
 * skips become {@code kysera_rls_has_role(…)} terms. Rules whose conditions read the context in
 * Java ({@link PolicyScope#context()}) or depend on an {@link Activation} cannot run in the
 * database: an allow among them is left out (natively stricter, listed in
 * {@link Migration#appOnly()}); a filter, deny or validate is refused, since leaving it out would
 * make the native policies weaker. Stamps and field-level rules are enforced by the plugin only
 * (listed in {@code appOnly}).
 */
public final class PostgresPolicies {

    /** The setting holding the user id. */
    public static final String USER_SETTING = "kysera.user_id";
    /** The setting holding the tenant id. */
    public static final String TENANT_SETTING = "kysera.tenant_id";
    /** The setting holding the roles, comma-separated. */
    public static final String ROLES_SETTING = "kysera.roles";

    private static final DSLContext PG = DSL.using(SQLDialect.POSTGRES);
    private static final Set<RlsOperation> WRITTEN = EnumSet.of(RlsOperation.CREATE, RlsOperation.UPDATE);

    private PostgresPolicies() {
    }

    /**
     * The statements to apply and to remove native policies.
     *
     * @param up      creates functions, enables row-level security and (re)creates the policies, in order; applying
     *                it again changes nothing
     * @param down    drops everything {@code up} created (custom-named policies included), in order
     * @param appOnly rules not generated, each with why (enforced by the plugin only)
     */
    public record Migration(List<String> up, List<String> down, List<String> appOnly) {
        /**
         * Copies the lists.
         *
         * @throws NullPointerException for a null list or statement
         */
        public Migration {
            up = List.copyOf(up);
            down = List.copyOf(down);
            appOnly = List.copyOf(appOnly);
        }
    }

    /**
     * {@link #generate(RlsOptions, String)} for tables in the connection's search path.
     *
     * @param options the options whose policies are generated
     * @return the migration
     * @throws IllegalArgumentException naming a filter, deny or validate rule that cannot be expressed in SQL
     */
    public static Migration generate(RlsOptions options) {
        return generate(options, null);
    }

    /**
     * Generates the migration for every policy of {@code options}.
     *
     * @param options the options whose policies are generated
     * @param schema  the tables' schema (also where the functions are created), or {@code null} for the search path
     * @return the migration
     * @throws NullPointerException for null options
     * @throws IllegalArgumentException naming a filter, deny or validate rule that cannot be expressed in SQL
     */
    public static Migration generate(RlsOptions options, String schema) {
        Objects.requireNonNull(options, "options");
        String qualifier = schema == null ? "" : quote(Names.nonBlank("schema", schema)) + ".";
        List<String> up = new ArrayList<>(functions(qualifier));
        List<String> down = new ArrayList<>();
        List<String> appOnly = new ArrayList<>();
        for (TablePolicy policy : options.policies().values()) {
            new TableGenerator(options, policy, schema, qualifier, up, down, appOnly).generate();
        }
        down.add("drop function if exists " + qualifier + "kysera_rls_has_role(text)");
        down.add("drop function if exists " + qualifier + "kysera_rls_tenant_id()");
        down.add("drop function if exists " + qualifier + "kysera_rls_user_id()");
        return new Migration(up, down, appOnly);
    }

    /**
     * {@link #generate(RlsOptions, String)}, plus the role the policies apply to: {@code up} ends by
     * creating it if absent ({@code NOSUPERUSER NOBYPASSRLS}, {@code NOLOGIN} unless
     * {@link NativeAppRole#withLogin asked}; an existing role that is a superuser or has BYPASSRLS is
     * refused, SQLState 42501), making the migrating user a member (so it may {@code SET ROLE}, as
     * {@link RlsOptions.Builder#nativeRole nativeRole} does), and granting usage of the schema,
     * {@code SELECT, INSERT, UPDATE, DELETE} on exactly the tables the rule set covers, the
     * {@linkplain NativeAppRole#withGrant extra grants}, and usage of the sequences those tables'
     * columns own — or on every table and sequence of the schema, if
     * {@linkplain NativeAppRole#withAllTablesInSchema asked}. {@code down} starts by revoking all of
     * that and dropping the role, unless it still holds privileges elsewhere (another schema or
     * database). Every statement is idempotent.
     *
     * @param options the options whose policies are generated
     * @param schema  the tables' schema, or {@code null} for the connection's current schema
     * @param role    the role to create and grant
     * @return the migration
     * @throws NullPointerException     for null options or role
     * @throws IllegalArgumentException naming a rule that cannot be expressed in SQL
     */
    public static Migration generate(RlsOptions options, String schema, NativeAppRole role) {
        Objects.requireNonNull(role, "role");
        Migration policies = generate(options, schema);
        Map<String, Set<String>> tables = new TreeMap<>();
        for (String table : options.policies().keySet()) {
            tables.put(table, Set.of("select", "insert", "update", "delete"));
        }
        role.extraGrants().forEach((table, privileges) -> tables.merge(table, privileges, PostgresPolicies::union));
        AppRoleDdl ddl = new AppRoleDdl(role.name(), schema, tables, role.allTablesInSchema());
        List<String> up = new ArrayList<>(policies.up());
        up.addAll(ddl.up(role.login()));
        List<String> down = new ArrayList<>(policies.down());
        down.addFirst(ddl.down());
        return new Migration(up, down, policies.appOnly());
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> both = new LinkedHashSet<>(a);
        both.addAll(b);
        return both;
    }

    private static List<String> functions(String q) {
        return List.of(
                "create or replace function " + q + "kysera_rls_user_id() returns text language sql stable as "
                        + "$$ select nullif(current_setting('" + USER_SETTING + "', true), '') $$",
                "create or replace function " + q + "kysera_rls_tenant_id() returns text language sql stable as "
                        + "$$ select nullif(current_setting('" + TENANT_SETTING + "', true), '') $$",
                "create or replace function " + q + "kysera_rls_has_role(role text) returns boolean language sql stable as "
                        + "$$ select coalesce(role = any(string_to_array(nullif(current_setting('" + ROLES_SETTING
                        + "', true), ''), ',')), false) $$");
    }

    private static String quote(String identifier) {
        return PG.render(DSL.name(identifier));
    }

    /** The policies of one table. */
    private static final class TableGenerator {
        private final RlsOptions options;
        private final TablePolicy policy;
        private final String qualifier;
        private final String table;
        private final List<String> up;
        private final List<String> down;
        private final List<String> appOnly;
        private final PolicyScope scope;
        private final Set<String> names = new LinkedHashSet<>();

        TableGenerator(RlsOptions options, TablePolicy policy, String schema, String qualifier, List<String> up, List<String> down,
                       List<String> appOnly) {
            this.options = options;
            this.policy = policy;
            this.qualifier = qualifier;
            this.table = qualifier + quote(policy.table());
            this.up = up;
            this.down = down;
            this.appOnly = appOnly;
            Name name = DSL.name(policy.table());
            TableReference reference = new TableReference(schema == null ? null : schema.toLowerCase(Locale.ROOT), policy.table(), name,
                    DSL.table(name));
            this.scope = PolicyScope.symbolic(reference, new PolicyScope.ContextSql() {
                @Override
                public <T> Field<T> tenant(DataType<T> type) {
                    return function("kysera_rls_tenant_id()").cast(type);
                }

                @Override
                public <T> Field<T> user(DataType<T> type) {
                    return function("kysera_rls_user_id()").cast(type);
                }

                @Override
                public Condition hasUser() {
                    return function("kysera_rls_user_id()").isNotNull();
                }

                @Override
                public Condition hasRole(String role) {
                    return DSL.condition("{0}({1})", DSL.unquotedName(qualifier + "kysera_rls_has_role"), DSL.inline(role));
                }
            });
        }

        private Field<String> function(String call) {
            return DSL.field(qualifier + call, SQLDataType.VARCHAR);
        }

        void generate() {
            up.add("alter table " + table + " enable row level security");
            up.add("alter table " + table + " force row level security");
            Condition bypass = anyRole(union(options.bypassRoles(), policy.skipFor()));
            if (!(bypass instanceof QOM.False)) {
                create("kysera_bypass", "permissive", "all", bypass, bypass);
            }
            Condition readPermit = DSL.trueCondition();
            for (RlsOperation op : List.of(RlsOperation.READ, RlsOperation.CREATE, RlsOperation.UPDATE, RlsOperation.DELETE)) {
                List<Condition> allows = new ArrayList<>();
                List<Condition> denies = new ArrayList<>();
                for (Rule rule : policy.rules()) {
                    if (!PolicyEngine.appliesTo(rule, op)) {
                        continue;
                    }
                    Condition skip = anyRole(rule.meta().skipFor());
                    switch (rule) {
                        case Rule.Filter filter -> {
                            Condition c = DSL.or(restrictive(rule, filter.condition()), skip, bypass);
                            create(rule.name() + "_" + command(op), "restrictive", op, c, null);
                        }
                        case Rule.Deny deny -> {
                            Condition c = DSL.or(DSL.not(restrictive(rule, deny.condition())), skip, bypass);
                            create(rule.name() + "_" + command(op), "restrictive", op, c, c);
                            denies.add(c);
                        }
                        case Rule.Allow allow -> {
                            Condition c = permissive(rule, allow.condition());
                            if (c != null) {
                                c = DSL.and(c, DSL.not(skip));
                                create(rule.name() + "_" + command(op), "permissive", op, c, c);
                                allows.add(c);
                            }
                        }
                        case Rule.Validate<?> validate -> {
                            Condition c = DSL.or(validated(validate), skip, bypass);
                            create(rule.name() + "_" + command(op), "restrictive", op, DSL.trueCondition(), c);
                        }
                        case Rule.Stamp<?> stamp -> appOnly(rule, "stamps are written by the plugin");
                        case Rule.Mask<?> mask -> appOnly(rule, "field-level rules are enforced by the plugin");
                        case Rule.Protect protect -> appOnly(rule, "field-level rules are enforced by the plugin");
                    }
                }
                boolean open = !policy.deniesByDefault(options.defaultDeny()) && allows.isEmpty();
                if (open) {
                    create("kysera_open_" + command(op), "permissive", op, DSL.trueCondition(), DSL.trueCondition());
                }
                Condition permit = allows.isEmpty() ? (open ? DSL.trueCondition() : DSL.falseCondition()) : DSL.or(allows);
                if (!denies.isEmpty()) {
                    permit = DSL.and(permit, DSL.and(denies));
                }
                if (op == RlsOperation.READ) {
                    readPermit = DSL.or(permit, bypass);
                } else if (op != RlsOperation.CREATE) {
                    // As in the plugin, updating or deleting a row needs the right to read it.
                    create("kysera_read_needed_" + command(op), "restrictive", op, readPermit, null);
                }
            }
            down.add("alter table " + table + " no force row level security");
            down.add("alter table " + table + " disable row level security");
        }

        /** A filter's or deny's condition; leaving one out would weaken the policies, so it must be expressible. */
        private Condition restrictive(Rule rule, RowCondition condition) {
            Condition c = express(rule, condition);
            if (c == null) {
                throw new IllegalArgumentException("Rule '" + rule.name() + "' of " + policy.table() + " cannot be generated as a native "
                        + "policy (it reads the context in Java, or has an activation): write it with PolicyScope.tenant/user/hasRole, "
                        + "or do not generate native policies for this table");
            }
            return c;
        }

        /** An allow's condition, or null when it cannot run in the database (it is then left out: stricter). */
        private Condition permissive(Rule rule, RowCondition condition) {
            Condition c = express(rule, condition);
            if (c == null) {
                appOnly(rule, "its condition reads the context in Java or has an activation; natively it allows nothing");
            }
            return c;
        }

        private Condition express(Rule rule, RowCondition condition) {
            if (rule.meta().activation() != Activation.always()) {
                return null;
            }
            try {
                return Objects.requireNonNull(condition.condition(scope), "condition");
            } catch (PolicyScope.NotExpressibleException | RlsContext.MissingValueException e) {
                return null;
            }
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private Condition validated(Rule.Validate<?> validate) {
            Rule.SqlCheck check = validate.inSql();
            Condition c = check == null ? null : express(validate, s -> check.condition(s, s.column(validate.column(), validate.type())));
            if (c == null) {
                throw new IllegalArgumentException("Validate rule '" + validate.name() + "' of " + policy.table() + " has no SQL form "
                        + "(sqlCheck) expressible natively, so the native policies would be weaker: give it one");
            }
            return c;
        }

        private void appOnly(Rule rule, String why) {
            String entry = policy.table() + "." + rule.name() + ": " + why;
            if (!appOnly.contains(entry)) {
                appOnly.add(entry);
            }
        }

        private Condition anyRole(Set<String> roles) {
            return roles.isEmpty() ? DSL.falseCondition() : DSL.or(roles.stream().sorted().map(scope::hasRole).toList());
        }

        private void create(String name, String kind, RlsOperation op, Condition using, Condition check) {
            create(name, kind, command(op), op == RlsOperation.CREATE ? null : using, op == RlsOperation.CREATE ? check : check);
        }

        private void create(String name, String kind, String command, Condition using, Condition check) {
            String policyName = Names.identifier("native policy name", name);
            if (policyName.length() > 63 || !names.add(policyName)) {
                throw new IllegalArgumentException("Native policy name '" + policyName + "' of " + policy.table()
                        + " is too long or not unique; rename the rule");
            }
            StringBuilder sql = new StringBuilder("create policy ").append(quote(policyName)).append(" on ").append(table)
                    .append(" as ").append(kind).append(" for ").append(command).append(" to public");
            if (using != null && !"insert".equals(command)) {
                sql.append(" using (").append(PG.renderInlined(using)).append(')');
            }
            if (check != null && !"select".equals(command) && !"delete".equals(command)) {
                sql.append(" with check (").append(PG.renderInlined(check)).append(')');
            }
            String drop = "drop policy if exists " + quote(policyName) + " on " + table;
            // PostgreSQL has no CREATE POLICY IF NOT EXISTS: replacing keeps applying the migration again harmless.
            up.add(drop);
            up.add(sql.toString());
            down.add(0, drop);
        }

        private static String command(RlsOperation op) {
            return switch (op) {
                case READ -> "select";
                case CREATE -> "insert";
                case UPDATE -> "update";
                case DELETE -> "delete";
            };
        }
    }
}
