package dev.kysera.executor.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.ExecuteContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.ResultQuery;
import org.jooq.SQLDialect;
import org.jooq.SelectConditionStep;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Reads the pre-image of a single-table UPDATE or DELETE in the statement's transaction, locked
 * where the database can lock ({@code FOR UPDATE}; SQLite's write transaction already excludes
 * other writers). jOOQ renders the SELECT once per statement shape; later statements of the same
 * SQL run that text as plain JDBC with their own bound WHERE values, and jOOQ maps the rows with
 * the same fields, so the rows are those the jOOQ query would have read. A shape is only cached
 * when its WHERE's binds are provably the statement's last binds, in order, and all of types bound
 * the same way by jOOQ and by hand; anything else keeps the jOOQ query.
 */
final class PreImageReads {

    /** Beyond this many shapes new ones are not cached (statements whose SQL embeds values would grow it without bound). */
    private static final int MAX_SHAPES = 2048;
    private static final Map<Key, Shape> SHAPES = new ConcurrentHashMap<>();
    private static final Shape UNMODELLED = new Shape(null, null, 0, 0);
    /** Per thread, so tests that run in parallel can pin the path their own statements took. */
    private static final ThreadLocal<long[]> CACHED = ThreadLocal.withInitial(() -> new long[1]);

    private PreImageReads() {
    }

    /**
     * What the SELECT depends on: the statement as rendered (which fixes the table's rendering and
     * the WHERE) and the table object itself, as executors with different render mappings can render
     * different tables to the same text.
     */
    private record Key(SQLDialect dialect, String statementSql, Table<?> table) {
    }

    /** The locked SELECT, its columns, and where its binds are among the statement's; a null SQL means "not modelled". */
    private record Shape(String sql, Field<?>[] fields, int from, int count) {
    }

    /**
     * The rows {@code statement} will touch.
     *
     * @param binds the values bound to the statement, in order, or null when they were not recorded
     */
    static Result<Record> read(ExecuteContext ctx, PlannedStatement statement, List<Object> binds) {
        Key key = new Key(ctx.dialect(), ctx.sql(), statement.preImageTable());
        Shape shape = SHAPES.get(key);
        if (shape != null && shape.sql() != null && binds != null && bindable(binds, shape)) {
            CACHED.get()[0]++;
            return run(ctx, shape, binds);
        }
        SelectConditionStep<Record> select = DSL.using(ctx.connection(), ctx.dialect()).select().from(statement.preImageTable())
                .where(statement.preImageWhere() == null ? DSL.noCondition() : statement.preImageWhere());
        ResultQuery<Record> query = ctx.dialect().family() == SQLDialect.SQLITE ? select : select.forUpdate();
        Result<Record> rows = query.fetch();
        if (shape == null && ctx.sql() != null && SHAPES.size() < MAX_SHAPES) {
            SHAPES.putIfAbsent(key, learn(ctx, statement, query, rows.fields(), binds));
        }
        return rows;
    }

    /** How many pre-images the calling thread read by a cached SELECT (tests pin the path with it). */
    static long cachedReads() {
        return CACHED.get()[0];
    }

    /** The shape of {@code query}, whose rows came with {@code fields}, if its binds are the statement's last ones. */
    private static Shape learn(ExecuteContext ctx, PlannedStatement statement, ResultQuery<Record> query, Field<?>[] fields,
                               List<Object> binds) {
        if (binds == null) {
            return UNMODELLED;
        }
        List<Object> values = query.getBindValues();
        int count = values.size();
        int from = binds.size() - count;
        if (from < 0 || !whereBindsAreLast(ctx.sql(), statement, ctx.dialect(), count)) {
            return UNMODELLED;
        }
        for (int i = 0; i < count; i++) {
            Object value = values.get(i);
            if (!isBindable(value) || !value.equals(binds.get(from + i))) {
                return UNMODELLED;
            }
        }
        return new Shape(query.getSQL(), fields, from, count);
    }

    /** Whether the statement's text has its WHERE's placeholders, and only those, after the WHERE starts. */
    private static boolean whereBindsAreLast(String sql, PlannedStatement statement, SQLDialect dialect, int count) {
        if (statement.preImageWhere() == null) {
            return count == 0;
        }
        String where = DSL.using(dialect).render(statement.preImageWhere());
        int at = sql.lastIndexOf(where);
        return at >= 0 && sql.indexOf('?', at + where.length()) < 0 && where.chars().filter(c -> c == '?').count() == count;
    }

    private static boolean bindable(List<Object> binds, Shape shape) {
        if (binds.size() != shape.from() + shape.count()) {
            return false;
        }
        for (int i = shape.from(); i < binds.size(); i++) {
            if (!isBindable(binds.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The types jOOQ binds with the setter of their own type, as {@link #bind} does. */
    private static boolean isBindable(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof String;
    }

    private static Result<Record> run(ExecuteContext ctx, Shape shape, List<Object> binds) {
        try (PreparedStatement select = ctx.connection().prepareStatement(shape.sql())) {
            for (int i = 0; i < shape.count(); i++) {
                bind(select, i + 1, binds.get(shape.from() + i));
            }
            try (ResultSet rows = select.executeQuery()) {
                return DSL.using(ctx.connection(), ctx.dialect()).fetch(rows, shape.fields());
            }
        } catch (SQLException e) {
            throw new DataAccessException("SQL [" + shape.sql() + "]; " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement select, int index, Object value) throws SQLException {
        switch (value) {
            case Long l -> select.setLong(index, l);
            case Integer i -> select.setInt(index, i);
            case Short s -> select.setShort(index, s);
            case String s -> select.setString(index, s);
            default -> throw new IllegalStateException("not a cached bind type: " + value.getClass());
        }
    }
}
