package dev.kysera.executor.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jooq.Converter;
import org.jooq.Param;
import org.jooq.VisitContext;
import org.jooq.VisitListener;
import org.jooq.conf.ParamType;
import org.jooq.impl.DSL;

/**
 * Renders inline timestamp literals on SQLite in the fixed-width form {@link SqliteTemporalBinds}
 * binds ({@code yyyy-MM-dd HH:mm:ss.SSS}, plus {@code +HH:MM} for values with an offset), so a
 * value written inline ({@code DSL.inline}, {@code ParamType.INLINED}, plugin values of bind
 * batches) is stored as the same text as a bound one. Only what is rendered changes, so rendering
 * stays pure. Stateless: one instance serves every render.
 */
final class SqliteTemporalLiterals implements VisitListener {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS");
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSxxx");

    @Override
    public void visitStart(VisitContext context) {
        if (context.queryPart() instanceof Param<?> param
                && (param.isInline() || context.context().paramType() == ParamType.INLINED)
                && SqliteTemporalBinds.isTimestamp(param.getDataType())) {
            String text = fixedWidth(param);
            if (text != null) {
                context.queryPart(DSL.inline(text));
            }
        }
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
