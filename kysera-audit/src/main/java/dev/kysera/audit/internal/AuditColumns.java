package dev.kysera.audit.internal;

import java.time.LocalDateTime;
import java.util.List;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The audit table's columns as jOOQ fields, for one table name and dialect: JSON columns are
 * {@code jsonb} on PostgreSQL and text everywhere else (MariaDB's {@code JSON} is text too).
 */
public final class AuditColumns {

    public final Table<Record> table;
    public final Field<Long> id;
    public final Field<String> tableName;
    public final Field<String> entityKey;
    public final Field<String> operation;
    public final Field<?> oldValues;
    public final Field<?> newValues;
    public final Field<?> changedColumns;
    public final Field<String> changedBy;
    public final Field<LocalDateTime> changedAt;
    public final Field<String> transactionId;
    public final Field<?> metadata;
    /** The columns the audit writes, in the order it binds them: all but {@code id}. */
    public final List<Field<?>> written;
    private final boolean jsonb;

    public AuditColumns(Name table, SQLDialect dialect) {
        this.table = DSL.table(table);
        this.jsonb = dialect.family() == SQLDialect.POSTGRES;
        this.id = field("id", SQLDataType.BIGINT);
        this.tableName = field("table_name", SQLDataType.VARCHAR);
        this.entityKey = field("entity_key", SQLDataType.VARCHAR);
        this.operation = field("operation", SQLDataType.VARCHAR);
        this.oldValues = json("old_values");
        this.newValues = json("new_values");
        this.changedColumns = json("changed_columns");
        this.changedBy = field("changed_by", SQLDataType.VARCHAR);
        this.changedAt = field("changed_at", SQLDataType.LOCALDATETIME(6));
        this.transactionId = field("transaction_id", SQLDataType.VARCHAR);
        this.metadata = json("metadata");
        this.written = List.of(tableName, entityKey, operation, oldValues, newValues, changedColumns, changedBy, changedAt, transactionId,
                metadata);
    }

    private <T> Field<T> field(String name, DataType<T> type) {
        return DSL.field(DSL.name(name), type);
    }

    private Field<?> json(String name) {
        return jsonb ? field(name, SQLDataType.JSONB) : field(name, SQLDataType.CLOB);
    }

    /** The value to bind to a JSON column for this JSON text ({@code null} for SQL NULL). */
    public Object jsonBind(String text) {
        return jsonb && text != null ? JSONB.jsonb(text) : text;
    }

    /** The JSON text read from a JSON column of {@code record}. */
    public String jsonText(Record record, Field<?> column) {
        Object value = record.get(column);
        return value == null ? null : value instanceof JSONB j ? j.data() : value.toString();
    }
}
