package dev.kysera.debug;

import java.util.Optional;

/**
 * One bind value of a logged statement, as a redaction rule sees it.
 *
 * @param position 1-based position of its marker in the SQL
 * @param column   the column it is compared with or written to, lower-cased, if the SQL tells
 * @param value    the value as sent to the driver
 */
public record BindValue(int position, Optional<String> column, Object value) {
}
