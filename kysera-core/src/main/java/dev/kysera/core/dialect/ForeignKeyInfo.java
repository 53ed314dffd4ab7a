package dev.kysera.core.dialect;

/**
 * A foreign key from {@code referencingSchema.referencingTable} to {@code referencedTable}, a table
 * of the schema being inspected (see {@link SchemaTools#foreignKeysInto()}).
 *
 * @param referencingSchema the schema of the referencing (child) table, as stored; on SQLite the
 *                          inspected attached database
 * @param referencingTable  the referencing (child) table, as stored
 * @param referencedTable   the referenced (parent) table in the inspected schema, as stored
 */
public record ForeignKeyInfo(String referencingSchema, String referencingTable, String referencedTable) {
}
