package dev.kysera.migrations;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;

/**
 * What a migration runs against. During {@code up}/{@code down} this is the migrator's own
 * connection, inside the migration's transaction where the database has transactional DDL. During a
 * dry run it is a recording connection that never reaches the database: statements are recorded and
 * answered with empty results, so a migration must not make decisions that need real data.
 *
 * <p>Do not commit, roll back or close the connection yourself: the migrator owns its transaction
 * and records the migration in the same transaction.
 */
public interface MigrationContext {

    /**
     * A jOOQ context on the migration's connection, with the migrator's dialect.
     *
     * @return the context; do not commit, roll back or close its connection
     */
    DSLContext dsl();

    /**
     * The dialect migrations are run for (e.g. to branch where one DDL statement cannot serve all).
     *
     * @return the dialect
     */
    SQLDialect dialect();

    /**
     * Runs one SQL statement as written, through a plain JDBC statement (no jOOQ templating, no binds).
     *
     * @param sql one complete statement, sent to the driver unchanged
     * @throws dev.kysera.core.error.KyseraException the translated database error when the statement fails
     */
    void execute(String sql);
}
