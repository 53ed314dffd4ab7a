package dev.kysera.rls;

import dev.kysera.rls.internal.Names;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The PostgreSQL role an application's transactions run as under native row-level security
 * (usually the plugin's {@link RlsOptions.Builder#nativeRole nativeRole}), for
 * {@link PostgresPolicies#generate(RlsOptions, String, NativeAppRole)} to create and grant.
 * Immutable: each {@code with…} returns a copy.
 *
 * @param name              the role, an SQL identifier (lower-cased), not reserved by PostgreSQL
 * @param login             whether a new role may log in (it is created {@code NOLOGIN} otherwise)
 * @param allTablesInSchema whether to grant on every table and sequence of the schema instead of
 *                          only the tables the rule set covers (and {@link #extraGrants})
 * @param extraGrants       further tables, each with the privileges granted on it (and its sequences)
 */
public record NativeAppRole(String name, boolean login, boolean allTablesInSchema, Map<String, Set<String>> extraGrants) {

    private static final Set<String> PRIVILEGES = Set.of("select", "insert", "update", "delete");

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException naming the bad value: a role name that is no SQL identifier, longer than
     *                                  63 characters or reserved ({@code public}, {@code none}, {@code pg_…},
     *                                  {@code current_user} …), a bad table name or privilege
     * @throws NullPointerException     for a null map
     */
    public NativeAppRole {
        name = Names.identifier("native application role", name);
        if (name.length() > 63 || name.startsWith("pg_")
                || Set.of("public", "none", "current_user", "session_user", "current_role", "user").contains(name)) {
            throw new IllegalArgumentException("Invalid native application role: '" + name
                    + "' (reserved by PostgreSQL, or longer than 63 characters)");
        }
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        Objects.requireNonNull(extraGrants, "extraGrants").forEach((table, privileges) -> {
            Set<String> checked = new LinkedHashSet<>();
            for (String privilege : privileges) {
                String lower = Objects.requireNonNull(privilege, "privilege").toLowerCase(Locale.ROOT);
                if (!PRIVILEGES.contains(lower)) {
                    throw new IllegalArgumentException("Invalid privilege on " + table + ": '" + privilege
                            + "' (expected select, insert, update or delete)");
                }
                checked.add(lower);
            }
            if (checked.isEmpty()) {
                throw new IllegalArgumentException("No privilege given on " + table);
            }
            copy.put(Names.identifier("table name", table), Set.copyOf(checked));
        });
        extraGrants = Map.copyOf(copy);
    }

    /**
     * A role that cannot log in, granted DML on exactly the rule set's tables.
     *
     * @param name the role
     * @return the role
     * @throws IllegalArgumentException naming a bad or reserved name
     */
    public static NativeAppRole named(String name) {
        return new NativeAppRole(name, false, false, Map.of());
    }

    /**
     * This role, created able to log in or not.
     *
     * @param canLogin whether a role created by the migration gets {@code LOGIN}
     * @return the copy
     */
    public NativeAppRole withLogin(boolean canLogin) {
        return new NativeAppRole(name, canLogin, allTablesInSchema, extraGrants);
    }

    /**
     * This role, granted DML on every table (and usage of every sequence) of the schema, not just the covered ones.
     *
     * @param all whether to grant schema-wide
     * @return the copy
     */
    public NativeAppRole withAllTablesInSchema(boolean all) {
        return new NativeAppRole(name, login, all, extraGrants);
    }

    /**
     * This role, also granted these privileges on a table the rule set does not cover (an audit log, say).
     *
     * @param table      the table, an SQL identifier in the policies' schema
     * @param privileges some of {@code select}, {@code insert}, {@code update}, {@code delete}
     * @return the copy
     * @throws IllegalArgumentException naming a bad table or privilege
     */
    public NativeAppRole withGrant(String table, String... privileges) {
        Map<String, Set<String>> more = new LinkedHashMap<>(extraGrants);
        more.put(table, new LinkedHashSet<>(java.util.List.of(privileges)));
        return new NativeAppRole(name, login, allTablesInSchema, more);
    }
}
