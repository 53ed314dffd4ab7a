package dev.kysera.migrations;

import java.util.List;

/**
 * What {@link Migrator#repair()} changed in the history table.
 *
 * @param removedFailed versions whose {@code success = false} rows were deleted
 * @param realigned     versions whose recorded checksum (and name) were replaced by the code's
 */
public record RepairResult(List<MigrationVersion> removedFailed, List<MigrationVersion> realigned) {

    public RepairResult {
        removedFailed = List.copyOf(removedFailed);
        realigned = List.copyOf(realigned);
    }
}
