package dev.kysera.rls;

import dev.kysera.executor.TableReference;
import java.util.Objects;
import org.jooq.Condition;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * What a {@link RowCondition} builds its condition from: the table occurrence being filtered
 * (qualified as the statement refers to it, alias included) and the current context.
 *
 * <p>Conditions written with {@link #tenant}, {@link #user} and {@link #hasRole} (rather than
 * reading {@link #context()} in Java) can also be generated as native PostgreSQL policies
 * ({@link PostgresPolicies}), where they read the context from the transaction's settings.
 */
public final class PolicyScope {

    private final TableReference table;
    private final RlsContext context;
    private final ContextSql sql;

    /**
     * A scope over a statement's occurrence with the context it runs with.
     *
     * @throws NullPointerException for a null argument
     */
    public PolicyScope(TableReference table, RlsContext context) {
        this(table, Objects.requireNonNull(context, "context"), null);
    }

    private PolicyScope(TableReference table, RlsContext context, ContextSql sql) {
        this.table = Objects.requireNonNull(table, "table");
        this.context = context;
        this.sql = sql;
    }

    /** A scope whose context values are SQL expressions (native policies); {@link #context()} is not available. */
    static PolicyScope symbolic(TableReference table, ContextSql sql) {
        return new PolicyScope(table, null, Objects.requireNonNull(sql, "sql"));
    }

    /** The occurrence being filtered. */
    public TableReference table() {
        return table;
    }

    /**
     * The current context, for conditions decided in Java.
     *
     * @throws NotExpressibleException while native policies are generated: such a condition cannot run in the database
     */
    public RlsContext context() {
        if (context == null) {
            throw new NotExpressibleException("the condition reads the context in Java");
        }
        return context;
    }

    /** The column of this occurrence with the name and type of {@code column} (e.g. a generated field). */
    public <T> Field<T> column(Field<T> column) {
        return table.field(column.getName(), column.getDataType());
    }

    /** The named column of this occurrence. */
    public <T> Field<T> column(String name, DataType<T> type) {
        return table.field(name, type);
    }

    /**
     * The context's tenant id as a value of {@code type}.
     *
     * @throws RlsContext.MissingValueException when the context has none (the rule denies)
     */
    public <T> Field<T> tenant(DataType<T> type) {
        return sql != null ? sql.tenant(type) : DSL.val(context.tenantId(), type);
    }

    /**
     * The context's user id as a value of {@code type}.
     *
     * @throws RlsContext.MissingValueException when the context has none (the rule denies)
     */
    public <T> Field<T> user(DataType<T> type) {
        return sql != null ? sql.user(type) : DSL.val(context.userId(), type);
    }

    /** Whether the context has a user id, as a condition. */
    public Condition hasUser() {
        if (sql != null) {
            return sql.hasUser();
        }
        return context.findUserId().isPresent() ? DSL.trueCondition() : DSL.falseCondition();
    }

    /** Whether the context has the role, as a condition. */
    public Condition hasRole(String role) {
        Objects.requireNonNull(role, "role");
        if (sql != null) {
            return sql.hasRole(role);
        }
        return context.hasRole(role) ? DSL.trueCondition() : DSL.falseCondition();
    }

    /**
     * {@code column = value}, the value converted to the column's type and bound.
     *
     * @throws NullPointerException for a null value: compare with {@code isNull()} explicitly
     */
    public <T> Condition equal(Field<T> column, Object value) {
        return column(column).eq(DSL.val(Objects.requireNonNull(value, "value"), column.getDataType()));
    }

    /** How context values read in SQL, for native policies. */
    interface ContextSql {
        <T> Field<T> tenant(DataType<T> type);

        <T> Field<T> user(DataType<T> type);

        Condition hasRole(String role);

        Condition hasUser();
    }

    /** A rule cannot be generated as a native policy. */
    static final class NotExpressibleException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotExpressibleException(String message) {
            super(message);
        }
    }
}
