package dev.kysera.rls;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Ready-made rule sets to add to a {@link TablePolicy}: tenant isolation, ownership, relationships
 * through membership tables and an admin override. Each returns named rules ({@code tenant_*},
 * {@code owner_*}, {@code relationship_*}, {@code admin_override}).
 */
public final class Policies {

    private Policies() {
    }

    /**
     * {@link #tenantIsolation(String, DataType)} for a generated column.
     *
     * @param column the tenant column
     * @return the rules {@code tenant_filter}, {@code tenant_stamp} and {@code tenant_check}
     * @throws IllegalArgumentException for an invalid column name
     */
    public static List<Rule> tenantIsolation(Field<?> column) {
        return tenantIsolation(column.getName(), column.getDataType());
    }

    /**
     * Rows belong to the context's tenant: only they are visible (read, update, delete); a created
     * row gets the tenant unless the statement writes one; and creates and updates may only write
     * the context's tenant to the column (a constant is checked in Java, an expression in SQL). A
     * context without a tenant denies.
     *
     * @param <T>    the column's type
     * @param column the tenant column's name
     * @param type   its type, to which the context's tenant id is converted
     * @return the rules {@code tenant_filter}, {@code tenant_stamp} and {@code tenant_check}
     * @throws IllegalArgumentException for an invalid column name
     * @throws NullPointerException     for a null type
     */
    public static <T> List<Rule> tenantIsolation(String column, DataType<T> type) {
        return List.of(
                Rule.filter(s -> s.column(column, type).eq(s.tenant(type))).named("tenant_filter"),
                Rule.stamp(column, type, RlsContext::tenantId).named("tenant_stamp"),
                sameAs(column, type, RlsContext::tenantId, PolicyScope::tenant, EnumSet.of(RlsOperation.CREATE, RlsOperation.UPDATE))
                        .named("tenant_check"));
    }

    /**
     * {@link #ownership(String, DataType, Set)} for a generated column.
     *
     * @param column     the owner column
     * @param operations the operations the owner may perform
     * @return the {@code owner_*} rules
     * @throws IllegalArgumentException without operations, or for an invalid column name
     */
    public static List<Rule> ownership(Field<?> column, Set<RlsOperation> operations) {
        return ownership(column.getName(), column.getDataType(), operations);
    }

    /**
     * Rows belong to the user in the owner column: the given operations on existing rows are
     * allowed for the owner. With {@link RlsOperation#CREATE}, users may create rows, which get
     * their user id unless the statement writes one, and may only write their own id there on
     * create and update. A context without a user id denies.
     *
     * @param <T>        the column's type
     * @param column     the owner column's name
     * @param type       its type, to which the context's user id is converted
     * @param operations the operations the owner may perform
     * @return the {@code owner_*} rules
     * @throws IllegalArgumentException without operations, or for an invalid column name
     */
    public static <T> List<Rule> ownership(String column, DataType<T> type, Set<RlsOperation> operations) {
        if (operations.isEmpty()) {
            throw new IllegalArgumentException("Ownership of " + column + " needs at least one operation");
        }
        Set<RlsOperation> existing = EnumSet.copyOf(operations);
        existing.remove(RlsOperation.CREATE);
        List<Rule> rules = new ArrayList<>();
        if (!existing.isEmpty()) {
            rules.add(Rule.allow(existing, s -> s.column(column, type).eq(s.user(type)))
                    .named("owner_allow"));
        }
        if (operations.contains(RlsOperation.CREATE)) {
            rules.add(Rule.allow(RlsOperation.CREATE, PolicyScope::hasUser).named("owner_create"));
            rules.add(Rule.stamp(column, type, RlsContext::userId).named("owner_stamp"));
            rules.add(sameAs(column, type, RlsContext::userId, PolicyScope::user, EnumSet.of(RlsOperation.CREATE, RlsOperation.UPDATE))
                    .named("owner_check"));
        }
        return List.copyOf(rules);
    }

    /**
     * Relationship-based access: the operations are allowed on rows the user is related to through
     * a membership table, as {@code EXISTS (SELECT 1 FROM membership m WHERE m.<rowKey> =
     * row.<key> AND m.<user> = :userId)}. The membership table is itself a relation the plugin must
     * know (give it a policy or declare it harmless), and its own rules apply inside the EXISTS; its
     * policy must not lead back to this table, or planning never ends. Several relationships (and
     * other allows) are OR-combined; a context without a user id denies.
     *
     * @param <K>           the type of the protected row's key
     * @param <U>           the type of the user id
     * @param operations    the operations allowed to related users
     * @param membership    the membership table (generated, or {@code DSL.table(name)})
     * @param membershipKey the membership column holding the protected row's key
     * @param key           the protected table's column the membership points to
     * @param membershipUser the membership column holding the user id
     * @return an allow rule named {@code relationship_<membership table>}
     * @throws IllegalArgumentException without operations
     * @throws NullPointerException     for a null argument
     */
    public static <K, U> Rule relationship(Set<RlsOperation> operations, Table<?> membership, Field<K> membershipKey,
                                           Field<K> key, Field<U> membershipUser) {
        Objects.requireNonNull(membership, "membership");
        Objects.requireNonNull(membershipKey, "membershipKey");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(membershipUser, "membershipUser");
        return Rule.allow(operations, s -> DSL.exists(DSL.selectOne().from(membership)
                        .where(membershipKey.eq(s.column(key)))
                        .and(membershipUser.eq(s.user(membershipUser.getDataType())))))
                .named("relationship_" + membership.getName().toLowerCase(Locale.ROOT));
    }

    /**
     * Lets a role do everything the filters and denies leave open.
     *
     * @param role the role
     * @return an allow rule {@code admin_override} for every operation, for a context with the role
     * @throws NullPointerException for a null role
     */
    public static Rule adminOverride(String role) {
        Objects.requireNonNull(role, "role");
        return Rule.allow(RlsOperation.all(), s -> s.hasRole(role)).named("admin_override");
    }

    /**
     * For tables guarded by filters alone: filters and denies still apply.
     *
     * @return an allow rule {@code allow_all} for every operation on every row
     */
    public static Rule allowAll() {
        return Rule.allow(RlsOperation.all(), s -> DSL.trueCondition()).named("allow_all");
    }

    /** The column may only be written with the context's value. */
    private static <T> Rule sameAs(String column, DataType<T> type, Function<RlsContext, Object> expected,
                                   BiFunction<PolicyScope, DataType<T>, Field<T>> inSql, Set<RlsOperation> operations) {
        return Rule.validate(operations, column, type,
                (ctx, value) -> value != null && value.equals(type.convert(expected.apply(ctx))),
                (scope, written) -> written.eq(inSql.apply(scope, type)));
    }
}
