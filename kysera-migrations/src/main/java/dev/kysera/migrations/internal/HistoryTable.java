package dev.kysera.migrations.internal;

import static org.jooq.impl.DSL.constraint;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.kysera.core.dialect.SchemaTools;
import dev.kysera.migrations.MigrationVersion;
import java.time.LocalDateTime;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/**
 * The history table: one row per applied (or failed, or baseline) migration. {@code installed_rank}
 * orders rows by when they were written — assigned under the lock, never taken from a timestamp,
 * so rows written in the same second keep their order.
 */
final class HistoryTable {

    static final Field<Integer> RANK = field(name("installed_rank"), SQLDataType.INTEGER.notNull());
    static final Field<String> VERSION = field(name("version"), SQLDataType.VARCHAR(50).notNull());
    static final Field<String> NAME = field(name("name"), SQLDataType.VARCHAR(200).notNull());
    static final Field<String> TYPE = field(name("type"), SQLDataType.VARCHAR(20).notNull());
    static final Field<String> CHECKSUM = field(name("checksum"), SQLDataType.VARCHAR(64).null_());
    static final Field<String> INSTALLED_BY = field(name("installed_by"), SQLDataType.VARCHAR(100).notNull());
    static final Field<LocalDateTime> INSTALLED_AT = field(name("installed_at"), SQLDataType.LOCALDATETIME(3).notNull());
    static final Field<Long> EXECUTION_MS = field(name("execution_ms"), SQLDataType.BIGINT.notNull());
    static final Field<Boolean> SUCCESS = field(name("success"), SQLDataType.BOOLEAN.notNull());

    private final String tableName;
    private final String schema;
    private final Table<Record> table;

    HistoryTable(String tableName, String schema) {
        this.tableName = tableName;
        this.schema = schema;
        Name qualified = schema == null ? name(tableName) : name(schema, tableName);
        this.table = table(qualified);
    }

    String displayName() {
        return schema == null ? tableName : schema + "." + tableName;
    }

    boolean exists(DSLContext dsl) {
        SchemaTools tools = SchemaTools.of(dsl);
        return (schema == null ? tools : tools.inSchema(schema)).tableExists(tableName);
    }

    void create(DSLContext dsl) {
        dsl.createTableIfNotExists(table)
                .columns(RANK, VERSION, NAME, TYPE, CHECKSUM, INSTALLED_BY, INSTALLED_AT, EXECUTION_MS, SUCCESS)
                .constraints(constraint(name(tableName + "_pk")).primaryKey(RANK),
                        constraint(name(tableName + "_version_uk")).unique(VERSION))
                .execute();
    }

    List<HistoryRow> read(DSLContext dsl) {
        return dsl.select(RANK, VERSION, NAME, TYPE, CHECKSUM, INSTALLED_BY, INSTALLED_AT, EXECUTION_MS, SUCCESS)
                .from(table)
                .orderBy(RANK)
                .fetch(r -> new HistoryRow(r.get(RANK), MigrationVersion.of(r.get(VERSION)), r.get(NAME), r.get(TYPE),
                        r.get(CHECKSUM), r.get(INSTALLED_BY), r.get(INSTALLED_AT), r.get(EXECUTION_MS), r.get(SUCCESS)));
    }

    /** Inserts a row with the next rank; the caller holds the lock. */
    void insert(DSLContext dsl, HistoryRow row) {
        Integer max = dsl.select(org.jooq.impl.DSL.max(RANK)).from(table).fetchOne(0, Integer.class);
        int rank = max == null ? 1 : max + 1;
        dsl.insertInto(table)
                .set(RANK, rank).set(VERSION, row.version().toString()).set(NAME, row.name()).set(TYPE, row.type())
                .set(CHECKSUM, row.checksum()).set(INSTALLED_BY, row.installedBy()).set(INSTALLED_AT, row.installedAt())
                .set(EXECUTION_MS, row.executionMs()).set(SUCCESS, row.success())
                .execute();
    }

    void markSucceeded(DSLContext dsl, MigrationVersion version, String checksum, long executionMs) {
        dsl.update(table).set(SUCCESS, true).set(CHECKSUM, checksum).set(EXECUTION_MS, executionMs).where(VERSION.eq(version.toString())).execute();
    }

    void markFailed(DSLContext dsl, MigrationVersion version, long executionMs) {
        dsl.update(table).set(SUCCESS, false).set(EXECUTION_MS, executionMs).where(VERSION.eq(version.toString())).execute();
    }

    void realign(DSLContext dsl, MigrationVersion version, String name, String checksum) {
        dsl.update(table).set(NAME, name).set(CHECKSUM, checksum).where(VERSION.eq(version.toString())).execute();
    }

    void delete(DSLContext dsl, MigrationVersion version) {
        dsl.deleteFrom(table).where(VERSION.eq(version.toString())).execute();
    }

    boolean contains(DSLContext dsl, MigrationVersion version) {
        return dsl.fetchExists(table, VERSION.eq(version.toString()));
    }
}
