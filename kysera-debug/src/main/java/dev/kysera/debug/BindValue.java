package dev.kysera.debug;

import java.util.Optional;

/**
 * One bind value of a logged statement, as a redaction rule
 * ({@link QueryLogOptions.Builder#redactIf}) sees it.
 */
public final class BindValue {

    private final int position;
    private final String column;
    private final Object value;

    /**
     * A bind value.
     *
     * @param position 1-based position of its marker in the SQL
     * @param column   the column it is compared with or written to, lower-cased; null when the SQL does not tell
     * @param value    the value as sent to the driver (may be null)
     * @throws IllegalArgumentException if {@code position} is less than 1
     */
    public BindValue(int position, String column, Object value) {
        if (position < 1) {
            throw new IllegalArgumentException("A bind position is 1-based, was " + position);
        }
        this.position = position;
        this.column = column;
        this.value = value;
    }

    /**
     * The 1-based position of its marker in the SQL.
     *
     * @return the position, at least 1
     */
    public int position() {
        return position;
    }

    /**
     * The column it is compared with or written to, lower-cased, if the SQL tells.
     *
     * @return the lower-cased column name, or empty when the SQL does not tell
     */
    public Optional<String> column() {
        return Optional.ofNullable(column);
    }

    /**
     * The value as sent to the driver ({@code null} for SQL NULL).
     *
     * @return the value, or {@code null}
     */
    public Object value() {
        return value;
    }

    @Override
    public String toString() {
        return "BindValue[" + position + (column == null ? "" : ", " + column) + "]";
    }
}
