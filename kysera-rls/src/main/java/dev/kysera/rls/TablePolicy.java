package dev.kysera.rls;

import dev.kysera.rls.internal.Names;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of one table. Immutable; build with {@link #forTable(String)}. Every rule gets a name
 * ({@code <table>_<kind>_<n>} unless named), unique within the table.
 *
 * @param table       the physical table, lower-cased, without schema
 * @param rules       the rules, in declaration order
 * @param defaultDeny whether an operation without any allow rule is denied; {@code null} inherits
 *                    {@link RlsOptions#defaultDeny()}
 * @param skipFor     roles for which the whole policy is inactive (the table is unrestricted for them)
 */
public record TablePolicy(String table, List<Rule> rules, Boolean defaultDeny, Set<String> skipFor) {

    /**
     * Checks the components and names unnamed rules.
     *
     * @throws IllegalArgumentException for an invalid table name, a blank rule name or duplicate rule names
     * @throws NullPointerException     for a null rule list, rule, role set or role
     */
    public TablePolicy {
        table = Names.identifier("table name", table);
        rules = named(table, rules);
        skipFor = Set.copyOf(skipFor);
    }

    /**
     * Starts the policy of a table.
     *
     * @param table the physical table's name, without schema (checked by {@link Builder#build()})
     * @return a builder without rules
     */
    public static Builder forTable(String table) {
        return new Builder(table);
    }

    /**
     * Starts a variant of this policy.
     *
     * @return a builder holding this policy's values
     */
    public Builder toBuilder() {
        Builder builder = new Builder(table).add(rules).skipFor(skipFor.toArray(String[]::new));
        builder.defaultDeny = defaultDeny;
        return builder;
    }

    /**
     * Resolves this table's default deny.
     *
     * @param globalDefault {@link RlsOptions#defaultDeny()}
     * @return whether the table denies operations without an allow rule
     */
    public boolean deniesByDefault(boolean globalDefault) {
        return Optional.ofNullable(defaultDeny).orElse(globalDefault);
    }

    private static List<Rule> named(String table, List<Rule> rules) {
        List<Rule> result = new ArrayList<>(rules.size());
        Set<String> names = new HashSet<>();
        for (Rule rule : rules) {
            Objects.requireNonNull(rule, "rule");
            Rule named = rule.name() != null ? rule
                    : rule.named(table + "_" + rule.getClass().getSimpleName().toLowerCase(Locale.ROOT) + "_" + (result.size() + 1));
            if (!names.add(Names.nonBlank("rule name", named.name()))) {
                throw new IllegalArgumentException("Duplicate rule name '" + named.name() + "' in the policy of " + table);
            }
            result.add(named);
        }
        return List.copyOf(result);
    }

    /** Builds a {@link TablePolicy}; by default no rules, the global default deny, no role skips. */
    public static final class Builder {
        private final String table;
        private final List<Rule> rules = new ArrayList<>();
        private Boolean defaultDeny;
        private Set<String> skipFor = Set.of();

        private Builder(String table) {
            this.table = table;
        }

        /**
         * Adds rules, e.g. those of a {@link Policies} helper.
         *
         * @param added the rules
         * @return this builder
         * @throws NullPointerException for a null rule
         */
        public Builder add(Rule... added) {
            return add(List.of(added));
        }

        /**
         * Adds rules, e.g. those of a {@link Policies} helper.
         *
         * @param added the rules
         * @return this builder
         */
        public Builder add(Collection<? extends Rule> added) {
            rules.addAll(added);
            return this;
        }

        /**
         * Adds {@link Rule#filter}.
         *
         * @param condition the visible rows
         * @return this builder
         * @throws NullPointerException for a null condition
         */
        public Builder filter(RowCondition condition) {
            return add(Rule.filter(condition));
        }

        /**
         * Adds {@link Rule#allow(RlsOperation, RowCondition)}.
         *
         * @param operation the operation permitted
         * @param condition the rows it is permitted on
         * @return this builder
         * @throws NullPointerException for a null argument
         */
        public Builder allow(RlsOperation operation, RowCondition condition) {
            return add(Rule.allow(operation, condition));
        }

        /**
         * Adds {@link Rule#deny(RlsOperation, RowCondition)}.
         *
         * @param operation the operation forbidden
         * @param condition the rows it is forbidden on
         * @return this builder
         * @throws NullPointerException for a null argument
         */
        public Builder deny(RlsOperation operation, RowCondition condition) {
            return add(Rule.deny(operation, condition));
        }

        /**
         * Overrides {@link RlsOptions#defaultDeny()} for this table.
         *
         * @param value whether operations without an allow rule are denied on this table
         * @return this builder
         */
        public Builder defaultDeny(boolean value) {
            this.defaultDeny = value;
            return this;
        }

        /**
         * Sets the roles for which this table is unrestricted; replaces earlier ones.
         *
         * @param roles the roles
         * @return this builder
         * @throws IllegalArgumentException for a role given twice
         * @throws NullPointerException     for a null role
         */
        public Builder skipFor(String... roles) {
            this.skipFor = Set.of(roles);
            return this;
        }

        /**
         * Checks the policy and names unnamed rules.
         *
         * @return the policy
         * @throws IllegalArgumentException for an invalid table name or duplicate rule names
         */
        public TablePolicy build() {
            return new TablePolicy(table, rules, defaultDeny, skipFor);
        }
    }
}
