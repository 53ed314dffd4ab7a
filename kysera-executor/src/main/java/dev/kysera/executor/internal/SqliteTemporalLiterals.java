package dev.kysera.executor.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Map;
import org.jooq.Configuration;
import org.jooq.Converter;
import org.jooq.ExecuteContext;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.VisitContext;
import org.jooq.VisitListener;
import org.jooq.VisitListenerProvider;
import org.jooq.conf.ParamType;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultVisitListenerProvider;

/**
 * Renders inline timestamp literals on SQLite in the fixed-width form {@link SqliteTemporalBinds}
 * binds ({@code yyyy-MM-dd HH:mm:ss.SSS}, plus {@code +HH:MM} for values with an offset), so a
 * value written inline ({@code DSL.inline}, {@code ParamType.INLINED}, plugin values of bind
 * batches) is stored as the same text as a bound one. Only what is rendered changes, so rendering
 * stays pure.
 *
 * <p>A visit listener costs jOOQ work for every query part of every render, so executors do not
 * carry this one: the rewriting listener applies {@link #fixedWidth(VisitContext)} itself, and
 * without it {@link #rerender(ExecuteContext)} renders a statement again with this listener only
 * when its SQL holds quoted text that looks like a timestamp. Stateless: one instance serves every
 * render.
 */
final class SqliteTemporalLiterals implements VisitListener {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS");
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSxxx");
    private static final VisitListenerProvider PROVIDER = new DefaultVisitListenerProvider(new SqliteTemporalLiterals());
    /** jOOQ's mark on an execution whose statement it rendered inlined (more bind values than the driver takes, DDL). */
    private static final String FORCE_STATIC_STATEMENT = "DATA_FORCE_STATIC_STATEMENT";

    @Override
    public void visitStart(VisitContext context) {
        fixedWidth(context);
    }

    /** Replaces the part being visited by its fixed-width literal when it is an inline timestamp. */
    static void fixedWidth(VisitContext context) {
        if (context.queryPart() instanceof Param<?> param
                && (param.isInline() || context.context().paramType() == ParamType.INLINED)
                && SqliteTemporalBinds.isTimestamp(param.getDataType())) {
            String text = fixedWidth(param);
            if (text != null) {
                context.queryPart(DSL.inline(text));
            }
        }
    }

    /**
     * Gives a statement rendered without the rewriting listener its fixed-width literals: when its
     * SQL quotes text that looks like a timestamp, it is rendered again, as jOOQ rendered it
     * (inlined where jOOQ inlined), with this listener; the bind values do not change.
     */
    static void rerender(ExecuteContext ctx) {
        String sql = ctx.sql();
        if (sql == null || !quotesTimestampText(sql)) {
            return;
        }
        String[] batch = ctx.batchMode() == ExecuteContext.BatchMode.MULTIPLE ? ctx.batchSQL() : null;
        int index = batch == null ? -1 : indexOf(batch, sql);
        Query query = batch == null ? ctx.query() : index < 0 ? null : ctx.batchQueries()[index];
        if (query == null) {
            return;
        }
        Configuration literals = ctx.configuration().derive();
        VisitListenerProvider[] visit = Arrays.copyOf(literals.visitListenerProviders(), literals.visitListenerProviders().length + 1);
        visit[visit.length - 1] = PROVIDER;
        literals.set(visit);
        var render = DSL.using(literals).renderContext();
        // A batch of distinct statements is always sent inlined; a single statement where jOOQ inlined it.
        if (batch != null || forcedStatic(ctx)) {
            render.paramType(ParamType.INLINED);
        }
        String fixed = render.visit(query).render();
        ctx.sql(fixed);
        if (batch != null) {
            batch[index] = fixed;
        }
    }

    /** Whether {@code sql} has a quote followed by {@code dddd-dd-dd dd:dd:dd}: how jOOQ renders an inline timestamp on SQLite. */
    static boolean quotesTimestampText(String sql) {
        for (int quote = sql.indexOf('\''); quote >= 0 && quote + 20 <= sql.length(); quote = sql.indexOf('\'', quote + 1)) {
            if (SqliteTemporalBinds.looksLikeTimestamp(sql, quote + 1)) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(String[] batch, String sql) {
        for (int i = 0; i < batch.length; i++) {
            // The very string jOOQ stored for the statement being rendered.
            if (batch[i] == sql) {
                return i;
            }
        }
        return -1;
    }

    private static boolean forcedStatic(ExecuteContext ctx) {
        for (Map.Entry<Object, Object> entry : ctx.data().entrySet()) {
            if (entry.getKey() instanceof Enum<?> key && key.name().equals(FORCE_STATIC_STATEMENT) && Boolean.TRUE.equals(entry.getValue())) {
                return true;
            }
        }
        return false;
    }

    /** The fixed-width text of a timestamp value, or null for null or a value of another type. */
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
            case Timestamp timestamp -> LOCAL.format(timestamp.toLocalDateTime());
            case LocalDateTime local -> LOCAL.format(local);
            case OffsetDateTime offset -> OFFSET.format(offset);
            case Instant instant -> OFFSET.format(instant.atOffset(ZoneOffset.UTC));
            case null, default -> null;
        };
    }
}
