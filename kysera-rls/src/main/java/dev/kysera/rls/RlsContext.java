package dev.kysera.rls;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Who runs a statement, as row-level security sees it: set on an executor with
 * {@code executor.with(RlsPlugin.CONTEXT, ctx)} and read when each statement is planned, never
 * captured earlier. Immutable.
 *
 * <p>{@link #userId()} and {@link #tenantId()} throw {@link MissingValueException} when the value
 * is absent; a policy that reads an absent value therefore denies (fail closed). Use
 * {@link #findUserId()} / {@link #findTenantId()} to test for presence.
 *
 * @param userId      the current user's id, any type; {@code null} when absent
 * @param tenantId    the current tenant's id, any type; {@code null} when absent
 * @param roles       the user's roles
 * @param permissions the user's permissions
 * @param attributes  further named facts for policies (no null values)
 */
public record RlsContext(Object userId, Object tenantId, Set<String> roles, Set<String> permissions,
                         Map<String, Object> attributes) {

    /**
     * Copies the collections.
     *
     * @throws NullPointerException if a collection, role, permission or attribute is null
     */
    public RlsContext {
        roles = Set.copyOf(roles);
        permissions = Set.copyOf(permissions);
        attributes = Map.copyOf(attributes);
    }

    /**
     * A context for a user of a tenant.
     *
     * @param userId   the user's id, or {@code null}
     * @param tenantId the tenant's id, or {@code null}
     * @param roles    the user's roles
     * @return a context without permissions or attributes
     * @throws IllegalArgumentException for a role given twice
     * @throws NullPointerException     for a null role
     */
    public static RlsContext of(Object userId, Object tenantId, String... roles) {
        return new RlsContext(userId, tenantId, Set.of(roles), Set.of(), Map.of());
    }

    /**
     * A context for a user who belongs to no tenant.
     *
     * @param userId the user's id, or {@code null}
     * @param roles  the user's roles
     * @return a context without tenant, permissions or attributes
     * @throws IllegalArgumentException for a role given twice
     * @throws NullPointerException     for a null role
     */
    public static RlsContext user(Object userId, String... roles) {
        return of(userId, null, roles);
    }

    /**
     * The user id, for policies that require one.
     *
     * @return the user id
     * @throws MissingValueException when the context has none
     */
    @Override
    public Object userId() {
        return require(userId, "user id");
    }

    /**
     * The tenant id, for policies that require one.
     *
     * @return the tenant id
     * @throws MissingValueException when the context has none
     */
    @Override
    public Object tenantId() {
        return require(tenantId, "tenant id");
    }

    /**
     * Tests for a user without failing.
     *
     * @return the user id, or empty when the context has none
     */
    public Optional<Object> findUserId() {
        return Optional.ofNullable(userId);
    }

    /**
     * Tests for a tenant without failing.
     *
     * @return the tenant id, or empty when the context has none
     */
    public Optional<Object> findTenantId() {
        return Optional.ofNullable(tenantId);
    }

    /**
     * Tests for a role.
     *
     * @param role the role
     * @return whether the context holds it
     */
    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /**
     * Tests for any of several roles.
     *
     * @param candidates the roles
     * @return whether the context holds at least one of them
     */
    public boolean hasAnyRole(Set<String> candidates) {
        return candidates.stream().anyMatch(roles::contains);
    }

    /**
     * Tests for a permission.
     *
     * @param permission the permission
     * @return whether the context holds it
     */
    public boolean hasPermission(String permission) {
        return permissions.contains(permission);
    }

    /**
     * A named fact for policies.
     *
     * @param name the attribute's name
     * @return its value
     * @throws MissingValueException when absent
     */
    public Object attribute(String name) {
        return require(attributes.get(name), "attribute '" + name + "'");
    }

    /**
     * Adds roles.
     *
     * @param added the roles
     * @return a copy with these roles added
     * @throws NullPointerException for a null role
     */
    public RlsContext withRoles(String... added) {
        return new RlsContext(userId, tenantId, union(roles, added), permissions, attributes);
    }

    /**
     * Adds permissions.
     *
     * @param added the permissions
     * @return a copy with these permissions added
     * @throws NullPointerException for a null permission
     */
    public RlsContext withPermissions(String... added) {
        return new RlsContext(userId, tenantId, roles, union(permissions, added), attributes);
    }

    /**
     * Sets an attribute.
     *
     * @param name  the attribute's name
     * @param value its value
     * @return a copy with this attribute set, replacing an earlier value
     * @throws NullPointerException for a null name or value
     */
    public RlsContext withAttribute(String name, Object value) {
        Map<String, Object> copy = new HashMap<>(attributes);
        copy.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return new RlsContext(userId, tenantId, roles, permissions, copy);
    }

    private static Set<String> union(Set<String> existing, String... added) {
        return Stream.concat(existing.stream(), Arrays.stream(added)).collect(Collectors.toUnmodifiableSet());
    }

    private static Object require(Object value, String what) {
        if (value == null) {
            throw new MissingValueException("The RLS context has no " + what);
        }
        return value;
    }

    /** A policy read a context value that is absent; the policy denies. */
    public static final class MissingValueException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param message what is missing
         */
        public MissingValueException(String message) {
            super(message);
        }
    }
}
