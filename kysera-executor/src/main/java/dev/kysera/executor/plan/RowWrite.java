package dev.kysera.executor.plan;

import dev.kysera.executor.Operation;
import dev.kysera.executor.TableReference;
import java.util.Objects;

/**
 * One row image a statement writes: each INSERT row, the SET of an UPDATE, the update part of an upsert.
 *
 * @param table     the table written
 * @param operation {@link Operation#INSERT} or {@link Operation#UPDATE}
 * @param image     the values written
 */
public record RowWrite(TableReference table, Operation operation, PostImage image) {

    /**
     * Validates the row write.
     *
     * @throws NullPointerException if a component is null
     */
    public RowWrite {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(image, "image");
    }
}
