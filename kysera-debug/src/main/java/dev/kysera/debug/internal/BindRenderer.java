package dev.kysera.debug.internal;

import dev.kysera.debug.BindValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** Renders bind values for a log line: SQL-like literals, redacted where configured, cut to a cap. */
public final class BindRenderer {

    /** What a redacted value is logged as. */
    public static final String REDACTED = "<redacted>";

    private final Set<String> redactColumns;
    private final Predicate<BindValue> redactIf;
    private final int maxLength;

    public BindRenderer(Set<String> redactColumns, Predicate<BindValue> redactIf, int maxLength) {
        this.redactColumns = redactColumns;
        this.redactIf = redactIf;
        this.maxLength = maxLength;
    }

    /** Whether rendering needs to know each value's column. */
    public boolean needsColumns() {
        return !redactColumns.isEmpty() || redactIf != null;
    }

    /** One executed row's values; {@code columns} has one entry per marker (or is empty when not needed). */
    public List<String> row(List<Object> values, List<String> columns) {
        List<String> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            String column = i < columns.size() ? columns.get(i) : null;
            out.add(redacted(i + 1, column, value) ? REDACTED : render(value));
        }
        return out;
    }

    private boolean redacted(int position, String column, Object value) {
        return column != null && redactColumns.contains(column)
                || redactIf != null && redactIf.test(new BindValue(position, column, value));
    }

    String render(Object value) {
        String text = switch (value) {
            case null -> "NULL";
            case Number n -> n.toString();
            case Boolean b -> b.toString();
            case byte[] bytes -> "<" + bytes.length + " bytes>";
            default -> "'" + value.toString().replace("'", "''") + "'";
        };
        if (text.length() <= maxLength) {
            return text;
        }
        return text.substring(0, maxLength) + "…(" + text.length() + " chars)";
    }
}
