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
     * @param table   the occurrence being filtered
     * @param context the statement's context
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

    /**
     * Where the condition applies.
     *
     * @return the occurrence being filtered, as the statement refers to it
     */
    public TableReference table() {
        return table;
    }

    /**
     * The current context, for conditions decided in Java.
     *
     * @return the context the statement runs with
     * @throws NotExpressibleException while native policies are generated: such a condition cannot run in the database
     */
    public RlsContext context() {
        if (context == null) {
            throw new NotExpressibleException("the condition reads the context in Java");
        }
        return context;
    }

    /**
     * Qualifies a column by this occurrence.
     *
     * @param <T>    the column's type
     * @param column a column with the name and type wanted (e.g. a generated field)
     * @return the column of this occurrence, qualified as the statement refers to the table
     */
    public <T> Field<T> column(Field<T> column) {
        return table.field(column.getName(), column.getDataType());
    }

    /**
     * Qualifies a column by this occurrence.
     *
     * @param <T>  the column's type
     * @param name the column's name
     * @param type its type
     * @return the column of this occurrence, qualified as the statement refers to the table
     */
    public <T> Field<T> column(String name, DataType<T> type) {
        return table.field(name, type);
    }

    /**
     * The context's tenant id as a value of {@code type}.
     *
     * @param <T>  the column's type
     * @param type the type the id is converted to
     * @return the id as a bind value, or in native policies the expression reading it from the settings
     * @throws RlsContext.MissingValueException when the context has none (the rule denies)
     */
    public <T> Field<T> tenant(DataType<T> type) {
        return sql != null ? sql.tenant(type) : DSL.val(context.tenantId(), type);
    }

    /**
     * The context's user id as a value of {@code type}.
     *
     * @param <T>  the column's type
     * @param type the type the id is converted to
     * @return the id as a bind value, or in native policies the expression reading it from the settings
     * @throws RlsContext.MissingValueException when the context has none (the rule denies)
     */
    public <T> Field<T> user(DataType<T> type) {
        return sql != null ? sql.user(type) : DSL.val(context.userId(), type);
    }

    /**
     * Tests for a user, also in native policies.
     *
     * @return TRUE or FALSE: whether the context has a user id
     */
    public Condition hasUser() {
        if (sql != null) {
            return sql.hasUser();
        }
        return context.findUserId().isPresent() ? DSL.trueCondition() : DSL.falseCondition();
    }

    /**
     * Tests for a role, also in native policies.
     *
     * @param role the role
     * @return TRUE or FALSE: whether the context has the role
     * @throws NullPointerException for a null role
     */
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
     * @param <T>    the column's type
     * @param column the column of the table (qualified by this occurrence here)
     * @param value  the value compared with
     * @return the condition
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
