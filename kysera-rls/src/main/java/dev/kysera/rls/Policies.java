package dev.kysera.rls;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jooq.DataType;
import org.jooq.Field;

/**
 * Ready-made rule sets to add to a {@link TablePolicy}: tenant isolation, ownership and an admin
 * override. Each returns named rules ({@code tenant_*}, {@code owner_*}, {@code admin_override}).
 */
public final class Policies {

    private Policies() {
    }

    /** {@link #tenantIsolation(String, DataType)} for a generated column. */
    public static List<Rule> tenantIsolation(Field<?> column) {
        return tenantIsolation(column.getName(), column.getDataType());
    }

    /**
     * Rows belong to the context's tenant: only they are visible (read, update, delete); a created
     * row gets the tenant unless the statement writes one; and creates and updates may only write
     * the context's tenant to the column (a constant is checked in Java, an expression in SQL). A
     * context without a tenant denies.
     */
    public static <T> List<Rule> tenantIsolation(String column, DataType<T> type) {
        return List.of(
                Rule.filter(s -> s.column(column, type).eq(org.jooq.impl.DSL.val(s.context().tenantId(), type))).named("tenant_filter"),
                Rule.stamp(column, type, RlsContext::tenantId).named("tenant_stamp"),
                sameAs(column, type, RlsContext::tenantId, EnumSet.of(RlsOperation.CREATE, RlsOperation.UPDATE)).named("tenant_check"));
    }

    /** {@link #ownership(String, DataType, Set)} for a generated column. */
    public static List<Rule> ownership(Field<?> column, Set<RlsOperation> operations) {
        return ownership(column.getName(), column.getDataType(), operations);
    }

    /**
     * Rows belong to the user in the owner column: the given operations on existing rows are
     * allowed for the owner. With {@link RlsOperation#CREATE}, users may create rows, which get
     * their user id unless the statement writes one, and may only write their own id there on
     * create and update. A context without a user id denies.
     */
    public static <T> List<Rule> ownership(String column, DataType<T> type, Set<RlsOperation> operations) {
        Set<RlsOperation> existing = EnumSet.copyOf(operations);
        existing.remove(RlsOperation.CREATE);
        List<Rule> rules = new java.util.ArrayList<>();
        if (!existing.isEmpty()) {
            rules.add(Rule.allow(existing, s -> s.column(column, type).eq(org.jooq.impl.DSL.val(s.context().userId(), type)))
                    .named("owner_allow"));
        }
        if (operations.contains(RlsOperation.CREATE)) {
            rules.add(Rule.allowIf(EnumSet.of(RlsOperation.CREATE), ctx -> ctx.userId() != null).named("owner_create"));
            rules.add(Rule.stamp(column, type, RlsContext::userId).named("owner_stamp"));
            rules.add(sameAs(column, type, RlsContext::userId, EnumSet.of(RlsOperation.CREATE, RlsOperation.UPDATE))
                    .named("owner_check"));
        }
        return List.copyOf(rules);
    }

    /** Every operation is allowed for a context with the role (filters and denies still apply). */
    public static Rule adminOverride(String role) {
        Objects.requireNonNull(role, "role");
        return Rule.allowIf(RlsOperation.all(), ctx -> ctx.hasRole(role)).named("admin_override");
    }

    /** Every operation is allowed (filters and denies still apply): for tables guarded by filters alone. */
    public static Rule allowAll() {
        return Rule.allowIf(RlsOperation.all(), ctx -> true).named("allow_all");
    }

    /** The column may only be written with the context's value. */
    private static <T> Rule sameAs(String column, DataType<T> type, java.util.function.Function<RlsContext, Object> expected,
                                   Set<RlsOperation> operations) {
        return Rule.validate(operations, column, type,
                (ctx, value) -> value != null && value.equals(type.convert(expected.apply(ctx))),
                (ctx, written) -> written.eq(org.jooq.impl.DSL.val(expected.apply(ctx), type)));
    }
}
