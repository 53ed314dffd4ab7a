package dev.kysera.migrations;

import java.util.List;

/**
 * What {@link Migrator#repair()} changed in the history table.
 *
 * @param removedFailed versions whose {@code success = false} rows were deleted
 * @param realigned     versions whose recorded checksum (and name) were replaced by the code's
 */
public record RepairResult(List<MigrationVersion> removedFailed, List<MigrationVersion> realigned) {

    /**
     * Copies both lists, so the result is immutable.
     *
     * @throws NullPointerException if a list is null or holds null
     */
    public RepairResult {
        removedFailed = List.copyOf(removedFailed);
        realigned = List.copyOf(realigned);
    }
}
