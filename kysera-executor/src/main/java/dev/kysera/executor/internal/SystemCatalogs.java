package dev.kysera.executor.internal;

import dev.kysera.executor.TableReference;
import java.util.Set;

/**
 * The databases' own catalogs, which jOOQ reads for metadata ({@code dsl.meta()}): they hold no
 * application rows, so fail-closed plugins need not know them.
 */
final class SystemCatalogs {

    private static final Set<String> SCHEMAS = Set.of("information_schema", "pg_catalog", "performance_schema", "mysql", "sys");
    private static final Set<String> TABLES = Set.of("sqlite_master", "sqlite_schema", "sqlite_temp_master", "sqlite_sequence");

    private SystemCatalogs() {
    }

    static boolean contains(TableReference table) {
        return table.schema() != null ? SCHEMAS.contains(table.schema()) : TABLES.contains(table.name());
    }
}
