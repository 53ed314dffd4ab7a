package dev.kysera.core.dialect;

import dev.kysera.core.dialect.internal.Catalog;
import dev.kysera.core.error.BadRequestException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.VisitListenerProvider;
import org.jooq.conf.RenderNameCase;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.conf.SettingsTools;

/**
 * Introspection of one schema over a jOOQ {@link DSLContext}: which schemas, tables, columns and
 * foreign keys exist. (Emptying tables and creating or dropping schemas, which tests need, is in
 * kysera-testing's {@code SchemaCleaner}.) Immutable and stateless apart from the context it wraps; safe to share between threads.
 *
 * <p><b>Scope.</b> {@link #of(DSLContext)} works in the connection's current schema — PostgreSQL's
 * {@code current_schema}, H2's {@code SCHEMA()}, MySQL/MariaDB's {@code DATABASE()}, SQLite's
 * {@code main} — looked up on each call; {@link #inSchema(String)} names one explicitly (on
 * MySQL/MariaDB a schema is a database, on SQLite an attached database).
 *
 * <p><b>Names.</b> Every table, column and schema name is validated with
 * {@link Identifiers#requireValid} before any SQL runs ({@link BadRequestException} otherwise), and
 * then rendered as a quoted jOOQ name or bound as a value. Names are matched exactly as stored,
 * except on SQLite, whose names are case-insensitive (so are the matches; results use the stored
 * spelling). On H2 without {@code DATABASE_TO_LOWER=TRUE}, unquoted DDL stores upper-case names.
 *
 * <p><b>Errors.</b> Nothing is swallowed: a missing table gives {@code false} or an empty list, but
 * a failing query (lost connection, missing privilege) throws jOOQ's {@code DataAccessException}.
 *
 * <p><b>Plugins.</b> Statements run with the context's connection, execute listeners and settings,
 * but without its visit listeners, so query-rewriting plugins (soft delete, row-level security)
 * never turn a maintenance DELETE into something else; names are always quoted, the schema always
 * rendered, and render mapping is not applied (the names you pass are the physical ones).
 */
public final class SchemaTools {

    private final DSLContext dsl;
    private final SQLDialect family;
    private final Catalog catalog;
    private final String schema;

    private SchemaTools(DSLContext dsl, SQLDialect family, Catalog catalog, String schema) {
        this.dsl = dsl;
        this.family = family;
        this.catalog = catalog;
        this.schema = schema;
    }

    /**
     * Tools over {@code dsl}, working in the connection's current schema.
     *
     * @param dsl the context whose connection the catalog queries use, not null
     * @return the tools
     * @throws NullPointerException if {@code dsl} is null
     * @throws UnsupportedDialectException if the context's dialect is {@code DEFAULT} or unsupported
     */
    public static SchemaTools of(DSLContext dsl) {
        SQLDialect family = Dialects.fromContext(dsl);
        return new SchemaTools(catalogContext(dsl), family, Catalog.of(family), null);
    }

    private static DSLContext catalogContext(DSLContext dsl) {
        Settings settings = SettingsTools.clone(dsl.settings())
                .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_QUOTED)
                .withRenderNameCase(RenderNameCase.AS_IS)
                .withRenderSchema(true)
                .withRenderMapping(null);
        return dsl.configuration().derive(settings).derive(new VisitListenerProvider[0]).dsl();
    }

    /**
     * The same tools scoped to {@code schema} (validated).
     *
     * @param schema the schema to work in, a valid identifier
     * @return new tools; these are unchanged
     * @throws BadRequestException if {@code schema} is null or not a valid identifier
     */
    public SchemaTools inSchema(String schema) {
        return new SchemaTools(dsl, family, catalog, Identifiers.requireValid(schema, family, "schema"));
    }

    /**
     * The context these tools query with: the given one's connection, execute listeners and
     * settings, without its visit listeners, with names quoted, the schema rendered and no render
     * mapping — for statements that must reach exactly the physical tables named.
     *
     * @return the derived context
     */
    public DSLContext dsl() {
        return dsl;
    }

    /**
     * The dialect family.
     *
     * @return the family, one of {@link Dialects#SUPPORTED}
     */
    public SQLDialect dialect() {
        return family;
    }

    /**
     * What the dialect can do.
     *
     * @return the family's capabilities
     */
    public DialectCapabilities capabilities() {
        return DialectCapabilities.of(family);
    }

    /**
     * The explicitly chosen schema, empty when working in the connection's current schema.
     *
     * @return the schema, or empty
     */
    public Optional<String> schema() {
        return Optional.ofNullable(schema);
    }

    /**
     * The schema these tools work in: the explicit one, or the connection's current schema (queried).
     *
     * @return the schema name
     * @throws org.jooq.exception.DataAccessException if the query fails
     */
    public String currentSchema() {
        return schema != null ? schema : catalog.currentSchema(dsl);
    }

    /**
     * Whether a base table (not a view) of that name exists in the schema.
     *
     * @param table the table name, a valid identifier
     * @return true if the table exists
     * @throws BadRequestException if {@code table} is null or not a valid identifier
     * @throws org.jooq.exception.DataAccessException if the catalog query fails
     */
    public boolean tableExists(String table) {
        String name = Identifiers.requireValid(table, family, "table");
        return !catalog.tables(dsl, currentSchema(), name).isEmpty();
    }

    /**
     * Whether the table (or view) has that column; {@code false} if the table does not exist.
     *
     * @param table the table name, a valid identifier
     * @param column the column name, a valid identifier
     * @return true if the column exists
     * @throws BadRequestException if a name is null or not a valid identifier
     * @throws org.jooq.exception.DataAccessException if the catalog query fails
     */
    public boolean columnExists(String table, String column) {
        String tableName = Identifiers.requireValid(table, family, "table");
        String columnName = Identifiers.requireValid(column, family, "column");
        return catalog.columns(dsl, currentSchema(), tableName).stream()
                .anyMatch(c -> catalog.namesIgnoreCase() ? c.name().equalsIgnoreCase(columnName) : c.name().equals(columnName));
    }

    /**
     * The base tables of the schema, sorted by name; no views, and no internal tables
     * ({@code sqlite_sequence} and other {@code sqlite_*} tables).
     *
     * @return the table names
     * @throws org.jooq.exception.DataAccessException if the catalog query fails
     */
    public List<String> listTables() {
        return catalog.tables(dsl, currentSchema(), null);
    }

    /**
     * The table's columns in table order; empty if the table does not exist.
     *
     * @param table the table name, a valid identifier
     * @return the columns
     * @throws BadRequestException if {@code table} is null or not a valid identifier
     * @throws org.jooq.exception.DataAccessException if the catalog query fails
     */
    public List<ColumnInfo> listColumns(String table) {
        String name = Identifiers.requireValid(table, family, "table"); // before currentSchema() runs any SQL
        return catalog.columns(dsl, currentSchema(), name);
    }

    /**
     * The foreign keys whose referenced (parent) table is in the schema, from any schema (so a
     * caller can see references from outside), in the catalog's order; self references included.
     *
     * @return the foreign keys
     * @throws org.jooq.exception.DataAccessException if the catalog query fails
     */
    public List<ForeignKeyInfo> foreignKeysInto() {
        return catalog.foreignKeysInto(dsl, currentSchema());
    }

    /**
     * Whether the schema exists (on MySQL/MariaDB: the database; on SQLite: an attached database).
     *
     * @param schema the schema name, a valid identifier
     * @return true if it exists
     * @throws BadRequestException if {@code schema} is null or not a valid identifier
     * @throws org.jooq.exception.DataAccessException if the catalog query fails
     */
    public boolean schemaExists(String schema) {
        return catalog.schemaExists(dsl, Identifiers.requireValid(schema, family, "schema"));
    }

    /**
     * The user schemas (databases on MySQL/MariaDB, attached databases on SQLite), sorted, without system schemas.
     *
     * @return the schema names
     * @throws org.jooq.exception.DataAccessException if the catalog query fails
     */
    public List<String> listSchemas() {
        return catalog.schemas(dsl);
    }

    /**
     * The current time on this database, see {@link Dialects#currentTimestamp(SQLDialect)}.
     *
     * @return the expression
     */
    public Field<OffsetDateTime> currentTimestamp() {
        return Dialects.currentTimestamp(family);
    }

    @Override
    public String toString() {
        return "SchemaTools[" + family + (schema == null ? ", current schema" : ", " + schema) + "]";
    }
}
