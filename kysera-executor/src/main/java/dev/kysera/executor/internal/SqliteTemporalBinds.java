package dev.kysera.executor.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.BitSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DataType;
import org.jooq.ExecuteContext;
import org.jooq.Param;
import org.jooq.tools.jdbc.DefaultPreparedStatement;

/**
 * SQLite has no timestamp type: jOOQ binds a timestamp as text with trailing fractional zeros
 * trimmed ({@code …:11.74} for 11.740 s; {@code …:11.74+02:00} with an offset). sqlite-jdbc's own
 * {@code getTimestamp} reads that as 11.074 s, and the text does not sort as time. This listener
 * rewrites the text jOOQ binds at every timestamp position of a statement — single statements and
 * every row of a bind batch alike — into one fixed-width, sortable form, {@code yyyy-MM-dd
 * HH:mm:ss.SSS} plus the offset jOOQ wrote, if any (what sqlite-jdbc parses, and what SQLite's
 * {@code julianday} and {@code strftime} read). SQLite keeps milliseconds: finer fractions are
 * truncated. Inline literals get the same form from {@link SqliteTemporalLiterals}. Called by the
 * executor's execute listener once a statement is prepared.
 */
final class SqliteTemporalBinds {

    private static final Pattern JOOQ_TIMESTAMP_TEXT =
            Pattern.compile("(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d)(?:\\.(\\d{1,9}))?([+-]\\d\\d:\\d\\d|Z)?");

    private SqliteTemporalBinds() {
    }

    /**
     * Wraps the statement just prepared so that the text jOOQ binds at its timestamp positions is
     * rewritten; a statement without timestamp bind values (most reads) is left unwrapped.
     */
    static void wrap(ExecuteContext ctx) {
        if (ctx.batchMode() == ExecuteContext.BatchMode.MULTIPLE || !(ctx.statement() instanceof PreparedStatement statement)) {
            return;
        }
        Param<?>[] params = ctx.data(PlanCache.BINDS) instanceof PlanCache.Binds binds ? binds.params() : ctx.params();
        BitSet positions = timestampPositions(params);
        if (!positions.isEmpty()) {
            // Asking the driver for the marker count costs more than most statements' whole binding: only once a text is rewritten.
            ctx.statement(new FixedWidthStatement(statement, () -> verified(positions, statement, params.length)));
        }
    }

    /** {@code statement} as this listener prepares it, for values bound outside jOOQ's execution: exactly {@code params}, in order. */
    static PreparedStatement fixedWidth(PreparedStatement statement, Param<?>[] params) {
        BitSet positions = timestampPositions(params);
        return positions.isEmpty() ? statement : new FixedWidthStatement(statement, () -> positions);
    }

    /** The timestamp positions, or none when they cannot be known. */
    private static BitSet verified(BitSet positions, PreparedStatement statement, int params) throws SQLException {
        // jOOQ binds its params in order, one marker each; when the count differs (inlined or
        // custom bindings), the positions are unknown and jOOQ's own text stays.
        return statement.getParameterMetaData().getParameterCount() == params ? positions : new BitSet();
    }

    /** The 1-based marker positions whose values jOOQ binds as timestamp text. */
    private static BitSet timestampPositions(Param<?>[] params) {
        BitSet positions = new BitSet();
        for (int i = 0; params != null && i < params.length; i++) {
            if (isTimestamp(params[i].getDataType())) {
                positions.set(i + 1);
            }
        }
        return positions;
    }

    static boolean isTimestamp(DataType<?> type) {
        Class<?> stored = type.getSQLDataType() == null ? type.getType() : type.getSQLDataType().getType();
        return type.isTimestamp() || stored == OffsetDateTime.class || stored == Instant.class;
    }

    /** jOOQ's timestamp text in the fixed-width form; any other text unchanged. */
    static String fixedWidth(String text) {
        Matcher parts = JOOQ_TIMESTAMP_TEXT.matcher(text);
        if (!parts.matches()) {
            return text;
        }
        String fraction = parts.group(2) == null ? "" : parts.group(2);
        String millis = (fraction + "000").substring(0, 3);
        return parts.group(1) + '.' + millis + (parts.group(3) == null ? "" : parts.group(3));
    }

    /**
     * A cheap first test of {@code yyyy-MM-dd HH:mm:ss} at {@code from} in {@code text}: the full
     * pattern decides in {@link #fixedWidth(String)}.
     */
    static boolean looksLikeTimestamp(String text, int from) {
        return text.length() >= from + 19 && text.charAt(from + 4) == '-' && text.charAt(from + 10) == ' ' && text.charAt(from + 13) == ':'
                && Character.isDigit(text.charAt(from)) && Character.isDigit(text.charAt(from + 18));
    }

    /** The positions, found when first needed. */
    @FunctionalInterface
    private interface Positions {
        BitSet find() throws SQLException;
    }

    /** Rewrites the text bound at timestamp positions; everything else goes to the driver as it is. */
    private static final class FixedWidthStatement extends DefaultPreparedStatement {

        private final Positions finder;
        private BitSet positions;

        FixedWidthStatement(PreparedStatement delegate, Positions finder) {
            super(delegate);
            this.finder = finder;
        }

        @Override
        public void setString(int parameterIndex, String value) throws SQLException {
            super.setString(parameterIndex, value != null && looksLikeTimestamp(value, 0) && positions().get(parameterIndex)
                    ? fixedWidth(value) : value);
        }

        private BitSet positions() throws SQLException {
            if (positions == null) {
                positions = finder.find();
            }
            return positions;
        }
    }
}
