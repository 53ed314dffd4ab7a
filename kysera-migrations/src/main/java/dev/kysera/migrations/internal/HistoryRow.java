package dev.kysera.migrations.internal;

import dev.kysera.migrations.MigrationVersion;
import java.time.LocalDateTime;

/** One row of the history table. */
record HistoryRow(int rank, MigrationVersion version, String name, String type, String checksum, String installedBy,
        LocalDateTime installedAt, long executionMs, boolean success) {

    static final String JAVA = "JAVA";
    static final String SQL = "SQL";
    static final String BASELINE = "BASELINE";

    boolean isBaseline() {
        return BASELINE.equals(type);
    }
}
