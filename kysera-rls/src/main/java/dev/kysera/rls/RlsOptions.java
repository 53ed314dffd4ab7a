package dev.kysera.rls;

import dev.kysera.rls.internal.Names;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How {@link RlsPlugin} protects tables. Immutable; build with {@link #builder()}.
 *
 * <p>Every relation a statement names must either have a policy or be declared harmless; any
 * other relation (an unlisted table, a view, a table function) is refused.
 *
 * @param name          the plugin's name (default {@code rls})
 * @param policies      the policy of each protected table, by lower-cased table name
 * @param harmless      tables without a policy that statements may use unrestricted (lookup tables)
 * @param defaultDeny   whether an operation without any allow rule is denied (default true); a
 *                      table's policy may override it
 * @param missingContext what happens to statements run without an {@link RlsContext}
 * @param bypassRoles   roles for which every policy is inactive (the context is still required)
 * @param clock         the time {@link Activation}s see
 * @param decisions     where decisions are recorded (default {@link DecisionSink#none()})
 * @param allowedSampleRate the share of allowed decisions recorded, 0 to 1 (denials and bypasses always are)
 * @param nativeContext whether each transaction begun through the executor sets the context as
 *                      PostgreSQL settings for {@link PostgresPolicies native policies}
 * @param nativeRole    the PostgreSQL role each transaction begun through the executor switches to
 *                      ({@code SET LOCAL ROLE}), lower-cased; {@code null} to stay the connection's role
 */
public record RlsOptions(String name, Map<String, TablePolicy> policies, Set<String> harmless, boolean defaultDeny,
                         MissingContext missingContext, Set<String> bypassRoles, Clock clock, DecisionSink decisions,
                         double allowedSampleRate, boolean nativeContext, String nativeRole) {

    /** What happens to a statement on a protected table when no {@link RlsContext} is set. */
    public enum MissingContext {
        /** Refused with {@link dev.kysera.core.error.AccessDeniedException} (the default). */
        REFUSE,
        /** Reads see no rows, updates and deletes touch none; inserts are still refused. */
        EMPTY
    }

    /**
     * Validates and copies the options.
     *
     * @throws IllegalArgumentException naming a bad value: blank name, bad table or role, a table both protected
     *                                  and harmless, a policy registered under another table's name, a sample
     *                                  rate outside 0 to 1, a native role that is no identifier or is set
     *                                  without {@code nativeContext}
     * @throws NullPointerException     for a null component
     */
    public RlsOptions {
        name = Names.nonBlank("plugin name", name);
        Map<String, TablePolicy> byTable = new LinkedHashMap<>();
        policies.forEach((table, policy) -> {
            if (!Names.identifier("table name", table).equals(policy.table())) {
                throw new IllegalArgumentException("The policy for table '" + policy.table() + "' is registered as '" + table + "'");
            }
            byTable.put(policy.table(), policy);
        });
        policies = Map.copyOf(byTable);
        harmless = harmless.stream().map(t -> Names.identifier("harmless table name", t)).collect(Collectors.toUnmodifiableSet());
        for (String table : harmless) {
            if (policies.containsKey(table)) {
                throw new IllegalArgumentException("Table '" + table + "' has a policy and is declared harmless; choose one");
            }
        }
        Objects.requireNonNull(missingContext, "missingContext");
        bypassRoles.forEach(role -> Names.nonBlank("bypass role", role));
        bypassRoles = Set.copyOf(bypassRoles);
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(decisions, "decisions");
        if (!(allowedSampleRate >= 0 && allowedSampleRate <= 1)) {
            throw new IllegalArgumentException("allowedSampleRate must be between 0 and 1, was " + allowedSampleRate);
        }
        if (nativeRole != null) {
            nativeRole = Names.identifier("native role", nativeRole);
            if (nativeRole.length() > 63) {
                // PostgreSQL would silently truncate it to another role's name
                throw new IllegalArgumentException("Invalid native role: '" + nativeRole + "' is longer than 63 characters");
            }
            if (!nativeContext) {
                throw new IllegalArgumentException("nativeRole('" + nativeRole + "') needs nativeContext(true): without the context "
                        + "settings the role's native policies would see no rows");
            }
        }
    }

    /**
     * Starts options from the defaults.
     *
     * @return a builder holding {@link #defaults()}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The options a plugin has before anything is configured.
     *
     * @return no policies, so every relation is refused; default deny; a statement without context is refused
     */
    public static RlsOptions defaults() {
        return builder().build();
    }

    /**
     * Starts a variant of these options.
     *
     * @return a builder holding these options
     */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.name = name;
        builder.policies.putAll(policies);
        builder.harmless = harmless;
        builder.defaultDeny = defaultDeny;
        builder.missingContext = missingContext;
        builder.bypassRoles = bypassRoles;
        builder.clock = clock;
        builder.decisions = decisions;
        builder.allowedSampleRate = allowedSampleRate;
        builder.nativeContext = nativeContext;
        builder.nativeRole = nativeRole;
        return builder;
    }

    /**
     * Creates the plugin, as {@link RlsPlugin#of(RlsOptions)} does.
     *
     * @return a plugin enforcing these options
     */
    public RlsPlugin plugin() {
        return RlsPlugin.of(this);
    }

    /** Builds {@link RlsOptions}. */
    public static final class Builder {
        private String name = "rls";
        private final Map<String, TablePolicy> policies = new LinkedHashMap<>();
        private Set<String> harmless = Set.of();
        private boolean defaultDeny = true;
        private MissingContext missingContext = MissingContext.REFUSE;
        private Set<String> bypassRoles = Set.of();
        private Clock clock = Clock.systemUTC();
        private DecisionSink decisions = DecisionSink.none();
        private double allowedSampleRate;
        private boolean nativeContext;
        private String nativeRole;

        private Builder() {
        }

        /**
         * Names the plugin, for refusals and for running several RLS plugins on one executor.
         *
         * @param value the name (default {@code rls})
         * @return this builder
         */
        public Builder name(String value) {
            this.name = value;
            return this;
        }

        /**
         * Adds table policies.
         *
         * @param added the policies, one per table
         * @return this builder
         * @throws IllegalArgumentException when a table already has one
         */
        public Builder policy(TablePolicy... added) {
            return policies(Arrays.asList(added));
        }

        /**
         * Adds table policies.
         *
         * @param added the policies, one per table
         * @return this builder
         * @throws IllegalArgumentException when a table already has one
         */
        public Builder policies(Collection<TablePolicy> added) {
            for (TablePolicy policy : added) {
                if (policies.putIfAbsent(policy.table(), policy) != null) {
                    throw new IllegalArgumentException("Table '" + policy.table() + "' already has a policy; merge its rules into one");
                }
            }
            return this;
        }

        /**
         * Declares tables without a policy that statements may use unrestricted (lookup tables); replaces
         * earlier ones.
         *
         * @param tables the table names
         * @return this builder
         * @throws IllegalArgumentException for a name given twice
         * @throws NullPointerException     for a null name
         */
        public Builder harmless(String... tables) {
            this.harmless = Set.of(tables);
            return this;
        }

        /**
         * Sets whether operations without an allow rule are denied; a table's policy may override it.
         *
         * @param value {@code true} (the default) to deny them
         * @return this builder
         */
        public Builder defaultDeny(boolean value) {
            this.defaultDeny = value;
            return this;
        }

        /**
         * Sets what happens to statements on protected tables run without a context.
         *
         * @param value {@link MissingContext#REFUSE} (the default) or {@link MissingContext#EMPTY}
         * @return this builder
         */
        public Builder missingContext(MissingContext value) {
            this.missingContext = value;
            return this;
        }

        /**
         * Sets the roles for which every policy is inactive (a context is still required); replaces earlier ones.
         *
         * @param roles the role names
         * @return this builder
         * @throws IllegalArgumentException for a role given twice
         * @throws NullPointerException     for a null role
         */
        public Builder bypassRoles(String... roles) {
            this.bypassRoles = Set.of(roles);
            return this;
        }

        /**
         * Sets the clock {@link Activation}s and recorded decisions read; tests pass a fixed one.
         *
         * @param value the clock (default: the UTC system clock)
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /**
         * Where decisions are recorded: every denial and role bypass, and the {@link #allowedSampleRate share}
         * of allowed statements; e.g. {@link DecisionSink#logger()}.
         *
         * @param sink the sink (default {@link DecisionSink#none()})
         * @return this builder
         */
        public Builder decisions(DecisionSink sink) {
            this.decisions = sink;
            return this;
        }

        /**
         * Sets how many allowed decisions are recorded; denials and bypasses always are.
         *
         * @param rate the share, from 0 (the default) to 1
         * @return this builder
         */
        public Builder allowedSampleRate(double rate) {
            this.allowedSampleRate = rate;
            return this;
        }

        /**
         * Whether every transaction begun through the executor sets the context as transaction-local
         * PostgreSQL settings ({@code set_config(…, true)}) that {@link PostgresPolicies native
         * policies} read (default false). Only for PostgreSQL: elsewhere a transaction is refused.
         *
         * @param value {@code true} to set the context in every transaction
         * @return this builder
         */
        public Builder nativeContext(boolean value) {
            this.nativeContext = value;
            return this;
        }

        /**
         * The PostgreSQL role every transaction begun through the executor runs as: after setting the
         * {@link #nativeContext(boolean) context}, the outermost transaction runs {@code SET LOCAL ROLE}
         * with the role quoted as an identifier (savepoints keep it; it ends with the transaction, so a
         * pooled connection goes back as its login role). Lets an application connect as the tables'
         * owner — for migrations and bypassing system code, whose transactions switch to no role — and
         * still have the database enforce the native policies on every request transaction, plain JDBC
         * on its connection included. The role must neither own the tables nor be superuser, and the
         * login role must be a member of it ({@code GRANT role TO login}). Statements on protected
         * tables outside a transaction would run as the login role, so they are refused
         * ({@link RlsAccessDeniedException}). Needs {@code nativeContext(true)}; default none.
         *
         * @param role an SQL identifier, lower-cased as PostgreSQL folds unquoted names; {@code null} for none
         * @return this builder
         */
        public Builder nativeRole(String role) {
            this.nativeRole = role;
            return this;
        }

        /**
         * Validates the values set.
         *
         * @return the options
         * @throws IllegalArgumentException naming a bad value
         * @throws NullPointerException     for a value set to null
         */
        public RlsOptions build() {
            return new RlsOptions(name, policies, harmless, defaultDeny, missingContext, bypassRoles, clock, decisions,
                    allowedSampleRate, nativeContext, nativeRole);
        }
    }
}
