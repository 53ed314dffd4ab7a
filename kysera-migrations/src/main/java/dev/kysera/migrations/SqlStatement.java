package dev.kysera.migrations;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One statement as it was sent to the JDBC driver: the SQL text (with {@code ?} placeholders when
 * jOOQ bound values) and the bound values in placeholder order.
 *
 * @param sql        the SQL text exactly as sent
 * @param bindValues the values bound to its placeholders; empty for statements without binds
 */
public record SqlStatement(String sql, List<Object> bindValues) {

    /**
     * Checks the text and copies the bind values, which may hold {@code null}.
     *
     * @throws NullPointerException if {@code sql} or {@code bindValues} is null
     */
    public SqlStatement {
        Objects.requireNonNull(sql, "sql");
        // nulls are legitimate bind values, so List.copyOf cannot be used
        bindValues = Collections.unmodifiableList(new ArrayList<>(bindValues));
    }

    /** The SQL text, followed by {@code -- binds: [...]} when there are bound values. */
    @Override
    public String toString() {
        return bindValues.isEmpty() ? sql : sql + " -- binds: " + bindValues;
    }
}
