package dev.kysera.core.dialect;

import dev.kysera.core.dialect.internal.Catalog;
import dev.kysera.core.dialect.internal.ForeignKeyGraph;
import dev.kysera.core.error.BadRequestException;
import dev.kysera.core.log.KyseraLog;
import java.lang.System.Logger.Level;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.VisitListenerProvider;
import org.jooq.conf.RenderNameCase;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.conf.SettingsTools;

/**
 * Introspection and maintenance of one schema over a jOOQ {@link DSLContext}: which tables and
 * columns exist, emptying tables with identities restarted, and creating or dropping schemas.
 * Immutable and stateless apart from the context it wraps; safe to share between threads.
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

    private static final System.Logger LOG = KyseraLog.logger(SchemaTools.class);

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
     * @throws UnsupportedDialectException if the context's dialect is {@code DEFAULT} or unsupported
     */
    public static SchemaTools of(DSLContext dsl) {
        SQLDialect family = Dialects.fromContext(dsl);
        return new SchemaTools(maintenanceContext(dsl), family, Catalog.of(family), null);
    }

    private static DSLContext maintenanceContext(DSLContext dsl) {
        Settings settings = SettingsTools.clone(dsl.settings())
                .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_QUOTED)
                .withRenderNameCase(RenderNameCase.AS_IS)
                .withRenderSchema(true)
                .withRenderMapping(null);
        return dsl.configuration().derive(settings).derive(new VisitListenerProvider[0]).dsl();
    }

    /** The same tools scoped to {@code schema} (validated). */
    public SchemaTools inSchema(String schema) {
        return new SchemaTools(dsl, family, catalog, Identifiers.requireValid(schema, family, "schema"));
    }

    /** The dialect family. */
    public SQLDialect dialect() {
        return family;
    }

    public DialectCapabilities capabilities() {
        return DialectCapabilities.of(family);
    }

    /** The explicitly chosen schema, empty when working in the connection's current schema. */
    public Optional<String> schema() {
        return Optional.ofNullable(schema);
    }

    /** The schema these tools work in: the explicit one, or the connection's current schema (queried). */
    public String currentSchema() {
        return schema != null ? schema : catalog.currentSchema(dsl);
    }

    /** Whether a base table (not a view) of that name exists in the schema. */
    public boolean tableExists(String table) {
        String name = Identifiers.requireValid(table, family, "table");
        return !catalog.tables(dsl, currentSchema(), name).isEmpty();
    }

    /** Whether the table (or view) has that column; {@code false} if the table does not exist. */
    public boolean columnExists(String table, String column) {
        String tableName = Identifiers.requireValid(table, family, "table");
        String columnName = Identifiers.requireValid(column, family, "column");
        return catalog.columns(dsl, currentSchema(), tableName).stream()
                .anyMatch(c -> catalog.namesIgnoreCase() ? c.name().equalsIgnoreCase(columnName) : c.name().equals(columnName));
    }

    /**
     * The base tables of the schema, sorted by name; no views, and no internal tables
     * ({@code sqlite_sequence} and other {@code sqlite_*} tables).
     */
    public List<String> listTables() {
        return catalog.tables(dsl, currentSchema(), null);
    }

    /** The table's columns in table order; empty if the table does not exist. */
    public List<ColumnInfo> listColumns(String table) {
        String name = Identifiers.requireValid(table, family, "table"); // before currentSchema() runs any SQL
        return catalog.columns(dsl, currentSchema(), name);
    }

    /**
     * Empties the tables and restarts their identity/auto-increment counters, so the next insert
     * gets id 1. Tables that reference them through foreign keys, directly or transitively, are
     * emptied with them (as PostgreSQL's {@code TRUNCATE … CASCADE} would), on every database, so
     * no orphan rows are ever left behind. Names that are not tables of the schema are reported in
     * {@link Truncation#missing()}.
     * <ul>
     *   <li>PostgreSQL: one {@code TRUNCATE … RESTART IDENTITY} of all of them (transactional).</li>
     *   <li>MySQL/MariaDB: on one connection, {@code foreign_key_checks} off, {@code TRUNCATE} each,
     *       then the previous value restored in {@code finally}. TRUNCATE is DDL there: it commits
     *       an open transaction.</li>
     *   <li>SQLite: in one transaction with foreign keys deferred, DELETE children first, then the
     *       tables' {@code sqlite_sequence} entries are removed so AUTOINCREMENT restarts.</li>
     *   <li>H2: on one connection, {@code SET REFERENTIAL_INTEGRITY FALSE} (database-wide in H2),
     *       {@code TRUNCATE … RESTART IDENTITY} each, then {@code TRUE} again in {@code finally}.</li>
     * </ul>
     *
     * @throws BadRequestException before any SQL if a name is invalid, or before changing anything
     *         if a table of another schema references one of the tables
     */
    public Truncation truncate(String... tables) {
        return truncate(Arrays.asList(tables));
    }

    /** See {@link #truncate(String...)}. */
    public Truncation truncate(Collection<String> tables) {
        List<String> names = validTables(tables);
        String scope = currentSchema();
        List<String> existing = catalog.tables(dsl, scope, null);
        List<String> missing = new ArrayList<>();
        Set<String> present = new TreeSet<>();
        for (String name : names) {
            resolve(existing, name).ifPresentOrElse(present::add, () -> missing.add(name));
        }
        if (present.isEmpty()) {
            return new Truncation(List.of(), missing);
        }
        ForeignKeyGraph graph = new ForeignKeyGraph(scope, catalog.foreignKeysInto(dsl, scope));
        return empty(scope, graph, graph.withReferencingTables(present), missing);
    }

    /**
     * Empties every base table of the schema except {@code exclude}, restarting identities, as
     * {@link #truncate(String...)} does. Excluded names that are not tables are reported in
     * {@link Truncation#missing()}.
     *
     * @throws BadRequestException before any SQL if a name is invalid, or before changing anything
     *         if an excluded table references a table that would be emptied (it would be orphaned)
     */
    public Truncation cleanAll(String... exclude) {
        List<String> excluded = validTables(Arrays.asList(exclude));
        String scope = currentSchema();
        List<String> existing = catalog.tables(dsl, scope, null);
        Set<String> target = new TreeSet<>(existing);
        List<String> missing = new ArrayList<>();
        for (String name : excluded) {
            resolve(existing, name).ifPresentOrElse(target::remove, () -> missing.add(name));
        }
        if (target.isEmpty()) {
            return new Truncation(List.of(), missing);
        }
        ForeignKeyGraph graph = new ForeignKeyGraph(scope, catalog.foreignKeysInto(dsl, scope));
        graph.requireNoKeptReferrers(target);
        return empty(scope, graph, target, missing);
    }

    private Truncation empty(String scope, ForeignKeyGraph graph, Set<String> tables, List<String> missing) {
        List<String> ordered = graph.childrenFirst(tables);
        catalog.empty(dsl, scope, ordered);
        LOG.log(Level.DEBUG, () -> "Emptied " + ordered + " in " + family + " schema " + scope);
        return new Truncation(ordered, missing);
    }

    private List<String> validTables(Collection<String> tables) {
        List<String> names = new ArrayList<>(tables.size());
        for (String table : tables) {
            names.add(Identifiers.requireValid(table, family, "table"));
        }
        return List.copyOf(new LinkedHashSet<>(names));
    }

    private Optional<String> resolve(List<String> existing, String name) {
        return existing.stream()
                .filter(t -> catalog.namesIgnoreCase() ? t.equalsIgnoreCase(name) : t.equals(name))
                .findFirst();
    }

    /** Whether the schema exists (on MySQL/MariaDB: the database; on SQLite: an attached database). */
    public boolean schemaExists(String schema) {
        return catalog.schemaExists(dsl, Identifiers.requireValid(schema, family, "schema"));
    }

    /** The user schemas (databases on MySQL/MariaDB, attached databases on SQLite), sorted, without system schemas. */
    public List<String> listSchemas() {
        return catalog.schemas(dsl);
    }

    /**
     * Creates the schema (a database on MySQL/MariaDB).
     *
     * @return {@code true} if it was created, {@code false} if it already existed
     * @throws UnsupportedOperationException on SQLite, where schemas are attached database files
     */
    public boolean createSchema(String schema) {
        String name = Identifiers.requireValid(schema, family, "schema");
        requireSchemaDdl();
        if (catalog.schemaExists(dsl, name)) {
            return false;
        }
        catalog.createSchema(dsl, name);
        return true;
    }

    /**
     * Drops the schema (a database on MySQL/MariaDB); with {@code cascade} its tables go with it,
     * without it the database refuses a non-empty schema.
     *
     * @return {@code true} if it was dropped, {@code false} if it did not exist
     * @throws BadRequestException for protected schemas, before any SQL: PostgreSQL {@code public},
     *         {@code information_schema}, {@code pg_*}; H2 {@code PUBLIC}, {@code INFORMATION_SCHEMA};
     *         MySQL/MariaDB {@code mysql}, {@code information_schema}, {@code performance_schema},
     *         {@code sys} (compared case-insensitively)
     * @throws UnsupportedOperationException on SQLite
     */
    public boolean dropSchema(String schema, boolean cascade) {
        String name = Identifiers.requireValid(schema, family, "schema");
        requireSchemaDdl();
        if (catalog.isProtectedSchema(name)) {
            throw new BadRequestException("Schema '" + name + "' is protected and cannot be dropped");
        }
        if (!catalog.schemaExists(dsl, name)) {
            return false;
        }
        catalog.dropSchema(dsl, name, cascade);
        return true;
    }

    private void requireSchemaDdl() {
        if (!capabilities().canCreateSchemas()) {
            throw new UnsupportedOperationException(family + " has no CREATE/DROP SCHEMA: its schemas are attached"
                    + " database files (ATTACH/DETACH DATABASE)");
        }
    }

    /** The current time on this database, see {@link Dialects#currentTimestamp(SQLDialect)}. */
    public Field<OffsetDateTime> currentTimestamp() {
        return Dialects.currentTimestamp(family);
    }

    @Override
    public String toString() {
        return "SchemaTools[" + family + (schema == null ? ", current schema" : ", " + schema) + "]";
    }
}
