package dev.kysera.testing.schema;

import dev.kysera.core.dialect.DialectCapabilities;
import dev.kysera.core.dialect.Identifiers;
import dev.kysera.core.dialect.SchemaTools;
import dev.kysera.core.dialect.UnsupportedDialectException;
import dev.kysera.core.error.BadRequestException;
import dev.kysera.testing.internal.ForeignKeyGraph;
import dev.kysera.testing.internal.SchemaMaintenance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;

/**
 * Empties tables (foreign-key safe, identities restarted) and creates or drops schemas, for tests
 * that commit; the introspection it builds on is kysera-core's {@link SchemaTools}. Immutable;
 * safe to share between threads.
 *
 * <p>Scope, names and errors are as in {@link SchemaTools}: {@link #of(DSLContext)} works in the
 * connection's current schema, {@link #inSchema(String)} in a named one; every name is validated
 * before any SQL ({@link BadRequestException}); nothing is swallowed. Statements run without the
 * context's visit listeners, so query-rewriting plugins never turn a DELETE into something else.
 */
public final class SchemaCleaner {

    private final DSLContext dsl;
    private final SchemaTools tools;
    private final SchemaMaintenance maintenance;

    private SchemaCleaner(DSLContext dsl, SchemaTools tools) {
        this.dsl = dsl;
        this.tools = tools;
        this.maintenance = SchemaMaintenance.of(tools.dialect());
    }

    /**
     * A cleaner over {@code dsl}, working in the connection's current schema.
     *
     * @param dsl the context to run on; its dialect decides the SQL
     * @return a new cleaner
     * @throws UnsupportedDialectException if the context's dialect is {@code DEFAULT} or unsupported
     */
    public static SchemaCleaner of(DSLContext dsl) {
        SchemaTools tools = SchemaTools.of(dsl);
        return new SchemaCleaner(tools.dsl(), tools);
    }

    /**
     * The same cleaner scoped to {@code schema}.
     *
     * @param schema the schema (a database on MySQL/MariaDB) to work in
     * @return a new cleaner; this one is unchanged
     * @throws BadRequestException if the name is invalid
     */
    public SchemaCleaner inSchema(String schema) {
        return new SchemaCleaner(dsl, tools.inSchema(schema));
    }

    /**
     * The introspection this cleaner works with, in the same schema.
     *
     * @return the schema tools
     */
    public SchemaTools tools() {
        return tools;
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
     * @param tables names of tables of the schema; duplicates count once
     * @return the tables emptied and the names that were not tables
     * @throws BadRequestException before any SQL if a name is invalid, or before changing anything
     *         if a table of another schema references one of the tables
     */
    public Truncation truncate(String... tables) {
        return truncate(Arrays.asList(tables));
    }

    /**
     * See {@link #truncate(String...)}.
     *
     * @param tables names of tables of the schema; duplicates count once
     * @return the tables emptied and the names that were not tables
     * @throws BadRequestException as {@link #truncate(String...)} does
     */
    public Truncation truncate(Collection<String> tables) {
        List<String> names = validTables(tables);
        String scope = tools.currentSchema();
        List<String> existing = tools.listTables();
        List<String> missing = new ArrayList<>();
        Set<String> present = resolveAll(existing, names, missing);
        if (present.isEmpty()) {
            return new Truncation(List.of(), missing);
        }
        ForeignKeyGraph graph = new ForeignKeyGraph(scope, tools.foreignKeysInto());
        return empty(scope, graph, graph.withReferencingTables(present), missing);
    }

    /**
     * Empties every base table of the schema except {@code exclude}, restarting identities, as
     * {@link #truncate(String...)} does. Excluded names that are not tables are reported in
     * {@link Truncation#missing()}.
     *
     * @param exclude names of tables to keep as they are
     * @return the tables emptied and the excluded names that were not tables
     * @throws BadRequestException before any SQL if a name is invalid, or before changing anything
     *         if an excluded table references a table that would be emptied (it would be orphaned)
     */
    public Truncation cleanAll(String... exclude) {
        List<String> excluded = validTables(Arrays.asList(exclude));
        String scope = tools.currentSchema();
        List<String> existing = tools.listTables();
        Set<String> target = new TreeSet<>(existing);
        List<String> missing = new ArrayList<>();
        target.removeAll(resolveAll(existing, excluded, missing));
        if (target.isEmpty()) {
            return new Truncation(List.of(), missing);
        }
        ForeignKeyGraph graph = new ForeignKeyGraph(scope, tools.foreignKeysInto());
        graph.requireNoKeptReferrers(target);
        return empty(scope, graph, target, missing);
    }

    private Truncation empty(String scope, ForeignKeyGraph graph, Set<String> tables, List<String> missing) {
        List<String> ordered = graph.childrenFirst(tables);
        maintenance.empty(dsl, scope, ordered);
        return new Truncation(ordered, missing);
    }

    private List<String> validTables(Collection<String> tables) {
        List<String> names = new ArrayList<>(tables.size());
        for (String table : tables) {
            names.add(Identifiers.requireValid(table, tools.dialect(), "table"));
        }
        return List.copyOf(new LinkedHashSet<>(names));
    }

    /** The stored spellings of {@code names} among {@code existing}; names that are not there go to {@code missing}. */
    private Set<String> resolveAll(List<String> existing, List<String> names, List<String> missing) {
        boolean ignoreCase = tools.dialect() == SQLDialect.SQLITE;
        Set<String> present = new TreeSet<>();
        for (String name : names) {
            existing.stream().filter(t -> ignoreCase ? t.equalsIgnoreCase(name) : t.equals(name)).findFirst()
                    .ifPresentOrElse(present::add, () -> missing.add(name));
        }
        return present;
    }

    /**
     * Creates the schema (a database on MySQL/MariaDB).
     *
     * @param schema the schema's name
     * @return {@code true} if it was created, {@code false} if it already existed
     * @throws BadRequestException if the name is invalid
     * @throws UnsupportedOperationException on SQLite, where schemas are attached database files
     */
    public boolean createSchema(String schema) {
        String name = Identifiers.requireValid(schema, tools.dialect(), "schema");
        requireSchemaDdl();
        if (tools.schemaExists(name)) {
            return false;
        }
        maintenance.createSchema(dsl, name);
        return true;
    }

    /**
     * Drops the schema (a database on MySQL/MariaDB); with {@code cascade} its tables go with it,
     * without it the database refuses a non-empty schema.
     *
     * @param schema  the schema's name
     * @param cascade whether its tables are dropped with it
     * @return {@code true} if it was dropped, {@code false} if it did not exist
     * @throws BadRequestException for an invalid name, or for protected schemas, before any SQL:
     *         PostgreSQL {@code public}, {@code information_schema}, {@code pg_*}; H2 {@code PUBLIC},
     *         {@code INFORMATION_SCHEMA}; MySQL/MariaDB {@code mysql}, {@code information_schema},
     *         {@code performance_schema}, {@code sys} (compared case-insensitively)
     * @throws IllegalStateException on MySQL/MariaDB without {@code cascade} when the database still
     *         has tables (its DROP DATABASE would drop them)
     * @throws UnsupportedOperationException on SQLite
     */
    public boolean dropSchema(String schema, boolean cascade) {
        String name = Identifiers.requireValid(schema, tools.dialect(), "schema");
        requireSchemaDdl();
        if (maintenance.isProtectedSchema(name)) {
            throw new BadRequestException("Schema '" + name + "' is protected and cannot be dropped");
        }
        if (!tools.schemaExists(name)) {
            return false;
        }
        if (!cascade && maintenance.dropsContents() && !tools.inSchema(name).listTables().isEmpty()) {
            throw new IllegalStateException("Database '" + name + "' still has tables; drop it with cascade");
        }
        maintenance.dropSchema(dsl, name, cascade);
        return true;
    }

    private void requireSchemaDdl() {
        if (!DialectCapabilities.of(tools.dialect()).canCreateSchemas()) {
            throw new UnsupportedOperationException(tools.dialect() + " has no CREATE/DROP SCHEMA: its schemas are attached"
                    + " database files (ATTACH/DETACH DATABASE)");
        }
    }

    @Override
    public String toString() {
        return "SchemaCleaner[" + tools.dialect() + tools.schema().map(s -> ", " + s).orElse(", current schema") + "]";
    }
}
