package dev.kysera.audit;

import java.util.List;
import java.util.Locale;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;

/**
 * The audit log's one table layout, the same on every database (and what tools read):
 *
 * <pre>
 * id               identity primary key, increasing in write order
 * table_name       the audited table, lower-cased
 * entity_key       the row's primary key as a JSON object text, e.g. {"id":42} or {"post_id":1,"tag_id":2}
 * operation        INSERT, UPDATE, DELETE, SOFT_DELETE or RESTORE
 * old_values       the row before, JSON (jsonb on PostgreSQL, JSON on MariaDB, text on SQLite and H2)
 * new_values       the row after, JSON
 * changed_columns  JSON array of the columns that changed
 * changed_by       who, from the context (nullable)
 * changed_at       when, UTC wall-clock time from the plugin's clock (timestamp(6); ISO text on SQLite)
 * transaction_id   one UUID per transaction
 * metadata         extra attributes, JSON (nullable)
 * </pre>
 *
 * with indexes for history by entity ({@code table_name, entity_key, id}) and by time
 * ({@code changed_at, id}). {@link #ddl} gives the statements for a dialect; {@link #create} runs them.
 */
public final class AuditTable {

    private static final String OPERATION_CHECK = "CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE', 'SOFT_DELETE', 'RESTORE'))";

    private static final List<String> COLUMNS = List.of("id", "table_name", "entity_key", "operation", "old_values", "new_values",
            "changed_columns", "changed_by", "changed_at", "transaction_id", "metadata");

    private AuditTable() {
    }

    /**
     * The {@code CREATE TABLE} and {@code CREATE INDEX} statements of the audit table for a dialect.
     *
     * @param table   the table name, optionally {@code schema.table}
     * @param dialect the database's dialect
     * @return the statements, to run in order
     * @throws IllegalArgumentException for dialects other than SQLite, H2, PostgreSQL, MariaDB and MySQL
     */
    public static List<String> ddl(String table, SQLDialect dialect) {
        String name = unqualified(table);
        String qualified = table.toLowerCase(Locale.ROOT);
        return List.of(createTable(qualified, name, dialect), entityIndex(qualified, name), timeIndex(qualified, name));
    }

    /**
     * The statements that bring an audit table created by an earlier version of this module to the
     * current layout, keeping every row: today they widen the {@code operation} CHECK to allow
     * {@code RESTORE}. Run them as a migration of their own (the create migration of an existing
     * table must not be edited). On PostgreSQL, H2 and MariaDB the constraint is dropped (if it
     * exists) and added again; SQLite cannot alter a CHECK, so the table is rebuilt in the
     * migration's transaction: a new table of the current layout, every row copied with its id, the
     * {@code AUTOINCREMENT} sequence carried over (ids are never reused), the old table dropped, the
     * new one renamed and its indexes created. Idempotent: on a current table they change nothing
     * but the constraint (or, on SQLite, the table's storage).
     *
     * @param table   the table name, optionally {@code schema.table}
     * @param dialect the database's dialect
     * @return the statements, to run in order in one transaction
     * @throws IllegalArgumentException for dialects other than SQLite, H2, PostgreSQL, MariaDB and MySQL
     */
    public static List<String> upgradeDdl(String table, SQLDialect dialect) {
        String name = unqualified(table);
        String qualified = table.toLowerCase(Locale.ROOT);
        String constraint = name + "_operation_ck";
        return switch (dialect.family()) {
            case POSTGRES, H2, MARIADB, MYSQL -> List.of(
                    "ALTER TABLE " + qualified + " DROP CONSTRAINT IF EXISTS " + constraint,
                    "ALTER TABLE " + qualified + " ADD CONSTRAINT " + constraint + " " + OPERATION_CHECK);
            case SQLITE -> {
                String rebuilt = qualified + "_kysera_upgrade";
                String columns = String.join(", ", COLUMNS);
                String sequence = name + "_kysera_upgrade";
                yield List.of(
                        "DROP TABLE IF EXISTS " + rebuilt,
                        createTable(rebuilt, name, dialect),
                        "INSERT INTO " + rebuilt + " (" + columns + ") SELECT " + columns + " FROM " + qualified,
                        // The copy set the new sequence to the highest id left; the old one may be higher (purged rows).
                        "DELETE FROM sqlite_sequence WHERE name = '" + sequence + "'",
                        "INSERT INTO sqlite_sequence (name, seq) VALUES ('" + sequence + "', max(coalesce((SELECT seq FROM "
                                + "sqlite_sequence WHERE name = '" + name + "'), 0), coalesce((SELECT max(id) FROM "
                                + rebuilt + "), 0)))",
                        "DROP TABLE " + qualified,
                        "ALTER TABLE " + rebuilt + " RENAME TO " + name,
                        entityIndex(qualified, name),
                        timeIndex(qualified, name));
            }
            default -> throw unsupported(dialect);
        };
    }

    private static String unqualified(String table) {
        return AuditOptions.identifier(table.contains(".") ? table.substring(table.indexOf('.') + 1) : table, "audit table");
    }

    private static String entityIndex(String qualified, String name) {
        return "CREATE INDEX " + name + "_entity_ix ON " + qualified + " (table_name, entity_key, id)";
    }

    private static String timeIndex(String qualified, String name) {
        return "CREATE INDEX " + name + "_time_ix ON " + qualified + " (changed_at, id)";
    }

    private static IllegalArgumentException unsupported(SQLDialect dialect) {
        return new IllegalArgumentException("No audit table layout for " + dialect + "; supported: SQLite, H2, PostgreSQL, MariaDB/MySQL");
    }

    /** The CREATE TABLE of the current layout, named {@code qualified}, its constraint named after {@code name}. */
    private static String createTable(String qualified, String name, SQLDialect dialect) {
        String id;
        String json;
        String time;
        String text;
        String suffix = "";
        switch (dialect.family()) {
            case POSTGRES -> {
                id = "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
                json = "JSONB";
                time = "TIMESTAMP(6)";
                text = "TEXT";
            }
            case MARIADB, MYSQL -> {
                id = "BIGINT AUTO_INCREMENT PRIMARY KEY";
                json = "JSON";
                time = "DATETIME(6)";
                text = "TEXT";
                suffix = " ENGINE=InnoDB";
            }
            case H2 -> {
                id = "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
                json = "CLOB";
                time = "TIMESTAMP(6)";
                text = "CLOB";
            }
            case SQLITE -> {
                id = "INTEGER PRIMARY KEY AUTOINCREMENT";
                json = "TEXT";
                time = "TEXT";
                text = "TEXT";
            }
            default -> throw unsupported(dialect);
        }
        return "CREATE TABLE " + qualified + " (\n"
                + "  id              " + id + ",\n"
                + "  table_name      VARCHAR(128) NOT NULL,\n"
                + "  entity_key      VARCHAR(512) NOT NULL,\n"
                + "  operation       VARCHAR(16)  NOT NULL,\n"
                + "  old_values      " + json + ",\n"
                + "  new_values      " + json + ",\n"
                + "  changed_columns " + (json.equals("JSONB") || json.equals("JSON") ? json : text) + ",\n"
                + "  changed_by      VARCHAR(255),\n"
                + "  changed_at      " + time + " NOT NULL,\n"
                + "  transaction_id  VARCHAR(36)  NOT NULL,\n"
                + "  metadata        " + json + ",\n"
                + "  CONSTRAINT " + name + "_operation_ck " + OPERATION_CHECK + "\n"
                + ")" + suffix;
    }

    /**
     * The down step of the audit table's migration; its indexes go with it.
     *
     * @param table the table name, optionally {@code schema.table}
     * @return the {@code DROP TABLE} statement
     * @throws IllegalArgumentException for an invalid name
     */
    public static String dropDdl(String table) {
        for (String part : table.split("\\.", -1)) {
            AuditOptions.identifier(part, "audit table name");
        }
        return "DROP TABLE " + table.toLowerCase(Locale.ROOT);
    }

    /**
     * Creates the audit table of these options with a plain jOOQ context (not an executor: the audit
     * plugin fails closed and refuses DDL; or pass {@code executor.bypassing(audit.bypassToken()).dsl()}).
     *
     * @param dsl     where the statements run
     * @param options the options naming the audit table
     * @throws IllegalArgumentException for an unsupported dialect
     * @throws org.jooq.exception.DataAccessException when a statement fails (on an executor's context, its
     *                                                translation into a Kysera exception)
     */
    public static void create(DSLContext dsl, AuditOptions options) {
        for (String statement : ddl(options.auditTable(), dsl.dialect())) {
            dsl.execute(statement);
        }
    }
}
