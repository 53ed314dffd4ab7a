package dev.kysera.core.dialect;

/**
 * One column of a table, as the database's catalog reports it.
 *
 * @param name     the column name as stored
 * @param dataType the type name as the database reports it ({@code bigint}, {@code character varying},
 *                 {@code VARCHAR(255)} …; not normalised across databases)
 * @param nullable whether the catalog says the column accepts NULL (SQLite reports an
 *                 {@code INTEGER PRIMARY KEY} as nullable although it never holds NULL)
 * @param position the 1-based position in the table
 */
public record ColumnInfo(String name, String dataType, boolean nullable, int position) {
}
