package dev.kysera.executor.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.jooq.Converter;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Param;

/**
 * SQLite has no timestamp type: jOOQ binds a timestamp as the text of {@link Timestamp#toString()},
 * which trims trailing fractional zeros ({@code …:11.74} for 11.740 s). sqlite-jdbc's own
 * {@code getTimestamp} reads that as 11.074 s, and the text does not sort as time. This listener
 * re-binds every timestamp bind value of a statement in one fixed-width, sortable form,
 * {@code yyyy-MM-dd HH:mm:ss.SSS} (what sqlite-jdbc parses, and what SQLite's {@code julianday} and
 * {@code strftime} read), so data written through the executor reads back the same everywhere.
 * SQLite keeps milliseconds: finer fractions are truncated. Stateless: one instance serves every
 * execution.
 */
final class SqliteTemporalBinds implements ExecuteListener {

    private static final DateTimeFormatter FIXED_WIDTH = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS");

    @Override
    public void bindEnd(ExecuteContext ctx) {
        if (ctx.batchMode() != ExecuteContext.BatchMode.NONE || !(ctx.statement() instanceof PreparedStatement statement)) {
            return;
        }
        Param<?>[] params = ctx.data(PlanCache.BINDS) instanceof PlanCache.Binds binds
                ? binds.params() : ctx.params();
        if (params == null || params.length == 0 || !hasTimestamp(params)) {
            return;
        }
        try {
            // jOOQ binds its params in order, one marker each; when the count differs (inlined or
            // custom bindings), the positions are unknown and jOOQ's own binding stays.
            if (statement.getParameterMetaData().getParameterCount() != params.length) {
                return;
            }
            for (int i = 0; i < params.length; i++) {
                String fixed = fixedWidth(params[i]);
                if (fixed != null) {
                    statement.setString(i + 1, fixed);
                }
            }
        } catch (SQLException e) {
            throw new org.jooq.exception.DataAccessException("Binding a timestamp for SQLite failed: " + e.getMessage(), e);
        }
    }

    private static boolean hasTimestamp(Param<?>[] params) {
        for (Param<?> param : params) {
            if (fixedWidth(param) != null) {
                return true;
            }
        }
        return false;
    }

    /** The fixed-width text of a timestamp bind value, or null for any other value. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static String fixedWidth(Param<?> param) {
        Object value = param.getValue();
        if (value == null) {
            return null;
        }
        Object stored;
        try {
            stored = ((Converter) param.getBinding().converter()).to(value);
        } catch (RuntimeException e) {
            return null;
        }
        return switch (stored) {
            case Timestamp timestamp -> FIXED_WIDTH.format(timestamp.toLocalDateTime());
            case LocalDateTime local -> FIXED_WIDTH.format(local);
            case null, default -> null;
        };
    }
}
