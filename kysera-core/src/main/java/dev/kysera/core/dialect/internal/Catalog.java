package dev.kysera.core.dialect.internal;

import dev.kysera.core.dialect.ColumnInfo;
import dev.kysera.core.dialect.ForeignKeyInfo;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;

/**
 * The per-database catalog queries behind
 * {@link dev.kysera.core.dialect.SchemaTools}. Internal, not API. Implementations never catch
 * database errors: a missing table is an empty answer, a failing query is an exception.
 * Identifiers reaching here are already validated; they are rendered as quoted names or bound as
 * values, never concatenated.
 */
public sealed interface Catalog permits InformationSchemaCatalog, SqliteCatalog {

    static Catalog of(SQLDialect family) {
        return family == SQLDialect.SQLITE ? new SqliteCatalog() : new InformationSchemaCatalog(family);
    }

    /** The schema unqualified names resolve to on this connection. */
    String currentSchema(DSLContext dsl);

    /** Base tables of the schema, by name; only the one named {@code name} if it is not null. */
    List<String> tables(DSLContext dsl, String schema, String name);

    /** Whether table names are matched without regard to case (SQLite). */
    boolean namesIgnoreCase();

    List<ColumnInfo> columns(DSLContext dsl, String schema, String table);

    /** Foreign keys whose referenced (parent) table is in {@code schema}, from any schema. */
    List<ForeignKeyInfo> foreignKeysInto(DSLContext dsl, String schema);

    /** The user schemas (no system schemas), sorted. */
    List<String> schemas(DSLContext dsl);

    boolean schemaExists(DSLContext dsl, String schema);
}
