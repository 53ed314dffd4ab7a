package dev.kysera.executor.internal;

import dev.kysera.executor.TableReference;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.Schema;
import org.jooq.Table;
import org.jooq.TableRecord;
import org.jooq.impl.DSL;
import org.jooq.impl.QOM;

/**
 * Tells which physical table a leaf of a FROM clause is. Aliases of generated tables are not
 * {@link QOM.TableAlias}es (they are aliased copies of the generated class), so their physical
 * table is found through their record type, cached per class.
 */
final class TableResolver {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*)?");
    private static final Map<Class<?>, Table<?>> GENERATED_TABLES = new ConcurrentHashMap<>();

    private TableResolver() {
    }

    /**
     * Whether the table is a leaf that may be a physical table: not a join, derived table or VALUES,
     * and not a data change delta table ({@code FINAL TABLE (INSERT …)}, which jOOQ uses to read back
     * the rows a statement just wrote: those rows are the statement's own, whatever plugins hide).
     */
    static boolean isLeaf(Table<?> table) {
        if (table instanceof QOM.TableAlias<?> alias) {
            // An alias of a derived table or VALUES names no physical table: what it wraps is planned itself.
            return isLeaf(alias.$table());
        }
        return !(table instanceof QOM.JoinTable<?, ?>)
                && !(table instanceof QOM.DerivedTable<?>)
                && !(table instanceof QOM.Values<?>)
                && !(table instanceof QOM.DataChangeDeltaTable<?>);
    }

    /** A plain-SQL table such as {@code DSL.table("users u")}: opaque to the query model. */
    static boolean isPlainSql(Table<?> table) {
        return JooqInternals.isPlainSqlTable(table);
    }

    /** A plain-SQL table that is just a (possibly schema-qualified) identifier, like {@code table("users")}. */
    static boolean isPlainIdentifier(Table<?> table) {
        return isPlainSql(table) && IDENTIFIER.matcher(table.getName().strip()).matches();
    }

    /** The physical table behind a leaf, or {@code null} when it is not one (e.g. a table function). */
    static TableReference resolve(Table<?> table) {
        if (!isLeaf(table)) {
            return null;
        }
        if (table instanceof QOM.TableAlias<?> alias) {
            TableReference inner = resolve(alias.$table());
            return inner == null ? null : new TableReference(inner.schema(), inner.name(), alias.$alias(), table);
        }
        if (isPlainSql(table)) {
            if (!isPlainIdentifier(table)) {
                return null;
            }
            String[] parts = table.getName().strip().split("\\.");
            Name reference = DSL.unquotedName(parts);
            return new TableReference(parts.length == 2 ? lower(parts[0]) : null, lower(parts[parts.length - 1]),
                    reference, table);
        }
        Table<?> physical = physicalTable(table);
        Schema schema = physical.getSchema();
        String schemaName = schema == null || schema.getName().isEmpty() ? null : lower(schema.getName());
        return new TableReference(schemaName, lower(physical.getName()), table.getQualifiedName(), table);
    }

    /** The physical table a leaf stands for, without alias: a table alias's table, a generated table's unaliased instance. */
    static Table<?> unaliased(Table<?> table) {
        return table instanceof QOM.TableAlias<?> alias ? unaliased(alias.$table()) : physicalTable(table);
    }

    private static Table<?> physicalTable(Table<?> table) {
        Class<? extends Record> recordType = table.getRecordType();
        if (!TableRecord.class.isAssignableFrom(recordType)) {
            return table;
        }
        return GENERATED_TABLES.computeIfAbsent(recordType, type -> ((TableRecord<?>) table.newRecord()).getTable());
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
