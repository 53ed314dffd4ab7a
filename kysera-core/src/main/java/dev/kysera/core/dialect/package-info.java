/**
 * Dialect facts and database helpers: {@link dev.kysera.core.dialect.Dialects} determines the jOOQ
 * dialect family from configuration, a jOOQ context, a JDBC URL or the server's metadata (never by
 * guessing); {@link dev.kysera.core.dialect.DialectCapabilities} says what each family can do;
 * {@link dev.kysera.core.dialect.SchemaTools} inspects a schema (schemas, tables, columns and
 * foreign keys: existence and listing);
 * {@link dev.kysera.core.dialect.Identifiers} validates names before they reach SQL.
 * Supported families: PostgreSQL, MariaDB, MySQL, SQLite, H2 (jOOQ Open Source Edition).
 */
package dev.kysera.core.dialect;
