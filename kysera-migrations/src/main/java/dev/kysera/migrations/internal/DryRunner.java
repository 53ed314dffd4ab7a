package dev.kysera.migrations.internal;

import dev.kysera.migrations.Direction;
import dev.kysera.migrations.InvalidMigrationException;
import dev.kysera.migrations.Migration;
import dev.kysera.migrations.MigrationRun;
import dev.kysera.migrations.SqlStatement;
import java.time.Duration;
import java.util.List;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.tools.jdbc.MockConnection;
import org.jooq.tools.jdbc.MockResult;

/**
 * Runs migrations against a jOOQ {@link MockConnection} that answers every statement with an empty
 * result and never reaches a database, recording what was sent.
 */
final class DryRunner {

    private final SQLDialect dialect;

    DryRunner(SQLDialect dialect) {
        this.dialect = dialect;
    }

    MigrationRun run(Migration migration, Direction direction) {
        return new MigrationRun(migration.version(), migration.name(), direction, record(migration, direction), Duration.ZERO);
    }

    /** The checksum of a migration: its own, else that of the statements its up step sends. */
    String checksum(Migration migration) {
        return migration.checksum().orElseGet(() ->
                Checksums.of(record(migration, Direction.UP).stream().map(SqlStatement::toString).toList()));
    }

    private List<SqlStatement> record(Migration migration, Direction direction) {
        StatementRecorder recorder = new StatementRecorder();
        MockConnection mock = new MockConnection(ctx -> new MockResult[] {new MockResult(0, DSL.using(dialect).newResult())});
        DefaultMigrationContext context = new DefaultMigrationContext(recorder.wrap(mock), dialect);
        try {
            if (direction == Direction.UP) {
                migration.up(context);
            } else {
                migration.down(context);
            }
        } catch (Exception e) {
            throw new InvalidMigrationException("Migration " + migration.version() + " (" + migration.name()
                    + ") failed in a dry run, which answers every query with no rows; if it needs real data, give it a"
                    + " fixed checksum() and do not dry-run it: " + e, e);
        }
        return recorder.take();
    }
}
