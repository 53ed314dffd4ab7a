package dev.kysera.core.dialect;

import java.util.Objects;
import org.jooq.SQLDialect;

/**
 * What one database family can do, as far as Kysera's upper layers need to know. One constant per
 * supported family; get it with {@link #of(SQLDialect)} or {@link Dialects#capabilities(SQLDialect)}.
 *
 * <p>"Native" means the database accepts the syntax itself; where jOOQ emulates something
 * faithfully in a single statement (e.g. H2's RETURNING through {@code FINAL TABLE}) the capability
 * counts as present, because that is what a caller of jOOQ observes.
 *
 * @param family              the jOOQ dialect family
 * @param returning           {@code INSERT/UPDATE/DELETE … RETURNING} (jOOQ {@code returning(...)})
 *                            gives back whole rows in one statement, multi-row inserts included
 * @param schemaModel         what a "schema" is on this database
 * @param upsert              the upsert syntax the database speaks
 * @param merge               the SQL {@code MERGE} statement is accepted
 * @param fullOuterJoin       {@code FULL [OUTER] JOIN} is accepted
 * @param nativeNullsOrdering {@code ORDER BY … NULLS FIRST/LAST} is accepted as such (otherwise jOOQ
 *                            emulates it with an extra sort expression, which defeats indexes)
 * @param rowValueComparison  row value comparisons such as {@code (a, b) > (?, ?)} (keyset paging)
 * @param maxIdentifierLength the longest table/column/schema name Kysera accepts on this database
 * @param defaultSchema       the schema unqualified names resolve to on a fresh connection, or
 *                            {@code null} where that is the connection's current database
 *                            ({@code DATABASE()} on MySQL/MariaDB); the live value is
 *                            {@link SchemaTools#currentSchema()}
 */
public record DialectCapabilities(
        SQLDialect family,
        boolean returning,
        SchemaModel schemaModel,
        UpsertStyle upsert,
        boolean merge,
        boolean fullOuterJoin,
        boolean nativeNullsOrdering,
        boolean rowValueComparison,
        int maxIdentifierLength,
        String defaultSchema) {

    /** How a database spells "insert, or update when the key exists". */
    public enum UpsertStyle {
        /** {@code INSERT … ON CONFLICT (…) DO UPDATE / DO NOTHING} (PostgreSQL, SQLite). */
        ON_CONFLICT,
        /** {@code INSERT … ON DUPLICATE KEY UPDATE} (MySQL, MariaDB). */
        ON_DUPLICATE_KEY,
        /** {@code MERGE INTO …} (H2; jOOQ renders its {@code onConflict} API as MERGE there). */
        MERGE
    }

    /** What a schema is on a database. */
    public enum SchemaModel {
        /** Real schemas inside one database, created and dropped with {@code CREATE/DROP SCHEMA} (PostgreSQL, H2). */
        SCHEMAS,
        /**
         * A schema is a database ({@code CREATE SCHEMA} is a synonym of {@code CREATE DATABASE}) on
         * MySQL/MariaDB; Kysera's schema API operates on databases there.
         */
        DATABASES,
        /** Schemas are attached database files ({@code main}, {@code temp}, {@code ATTACH … AS x}) on SQLite; no create/drop. */
        ATTACHED_DATABASES
    }

    // Identifier limits: PostgreSQL NAMEDATALEN-1 = 63 bytes (ASCII-only names, so characters);
    // MySQL/MariaDB 64; H2's default MAX_IDENTIFIER_LENGTH 256; SQLite has no limit, 128 is Kysera's cap.
    static final DialectCapabilities POSTGRES = new DialectCapabilities(SQLDialect.POSTGRES,
            true, SchemaModel.SCHEMAS, UpsertStyle.ON_CONFLICT, true, true, true, true, 63, "public");
    static final DialectCapabilities MARIADB = new DialectCapabilities(SQLDialect.MARIADB,
            true, SchemaModel.DATABASES, UpsertStyle.ON_DUPLICATE_KEY, false, false, false, true, 64, null);
    static final DialectCapabilities MYSQL = new DialectCapabilities(SQLDialect.MYSQL,
            false, SchemaModel.DATABASES, UpsertStyle.ON_DUPLICATE_KEY, false, false, false, true, 64, null);
    static final DialectCapabilities SQLITE = new DialectCapabilities(SQLDialect.SQLITE,
            true, SchemaModel.ATTACHED_DATABASES, UpsertStyle.ON_CONFLICT, false, true, true, true, 128, "main");
    static final DialectCapabilities H2 = new DialectCapabilities(SQLDialect.H2,
            true, SchemaModel.SCHEMAS, UpsertStyle.MERGE, true, false, true, true, 256, "PUBLIC");

    /**
     * Checks the components.
     *
     * @throws NullPointerException if {@code family}, {@code schemaModel} or {@code upsert} is null
     * @throws IllegalArgumentException if {@code maxIdentifierLength} is not positive
     */
    public DialectCapabilities {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(schemaModel, "schemaModel");
        Objects.requireNonNull(upsert, "upsert");
        if (maxIdentifierLength < 1) {
            throw new IllegalArgumentException("maxIdentifierLength must be positive");
        }
    }

    /**
     * The capabilities of a dialect's family.
     *
     * @param dialect a supported dialect, not null
     * @return the family's capabilities
     * @throws NullPointerException if {@code dialect} is null
     * @throws UnsupportedDialectException for {@code DEFAULT} and families Kysera does not support
     */
    public static DialectCapabilities of(SQLDialect dialect) {
        return switch (Dialects.family(dialect)) {
            case POSTGRES -> POSTGRES;
            case MARIADB -> MARIADB;
            case MYSQL -> MYSQL;
            case SQLITE -> SQLITE;
            case H2 -> H2;
            default -> throw new AssertionError("Dialects.family admitted " + dialect);
        };
    }

    /**
     * Whether {@code CREATE SCHEMA}/{@code DROP SCHEMA} exist (PostgreSQL, H2, and MySQL/MariaDB where they mean databases).
     *
     * @return false on SQLite, whose schemas are attached databases
     */
    public boolean canCreateSchemas() {
        return schemaModel != SchemaModel.ATTACHED_DATABASES;
    }
}
