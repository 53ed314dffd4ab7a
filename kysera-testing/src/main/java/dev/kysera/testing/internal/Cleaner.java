package dev.kysera.testing.internal;

import dev.kysera.core.dialect.SchemaTools;
import dev.kysera.testing.Cleaning;
import dev.kysera.testing.schema.SchemaCleaner;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** Empties the tables of the current schema after a committing test. */
public final class Cleaner {

    private Cleaner() {
    }

    /**
     * Cleans with {@code how} ({@link Cleaning#TRUNCATE} or {@link Cleaning#DELETE}) over a
     * plugin-free {@code dsl}, leaving the {@code keep} tables alone.
     *
     * @return the tables emptied, in the order they were emptied
     * @throws dev.kysera.core.error.BadRequestException for either cleaning, before anything is
     *         emptied, if a kept table references one that would be emptied; for DELETE also if
     *         tables reference each other in a cycle
     */
    public static List<String> clean(Cleaning how, DSLContext dsl, Set<String> keep) {
        return switch (how) {
            case TRUNCATE -> SchemaCleaner.of(dsl).cleanAll(keep.toArray(String[]::new)).emptied();
            case DELETE -> deleteInDependencyOrder(dsl, keep);
            case NONE, RECREATE_SCHEMA -> throw new IllegalArgumentException(how + " is not a table cleaning");
        };
    }

    private static List<String> deleteInDependencyOrder(DSLContext dsl, Set<String> keep) {
        SchemaTools tools = SchemaTools.of(dsl);
        Set<String> kept = lowerCase(keep);
        Set<String> targets = new TreeSet<>();
        for (String table : tools.listTables()) {
            if (!kept.contains(table.toLowerCase(Locale.ROOT))) {
                targets.add(table);
            }
        }
        ForeignKeyGraph graph = new ForeignKeyGraph(tools.currentSchema(), tools.foreignKeysInto());
        graph.requireNoKeptReferrers(targets);
        List<String> order = graph.deleteOrder(targets);
        boolean mysql = dsl.dialect().family() == SQLDialect.MARIADB || dsl.dialect().family() == SQLDialect.MYSQL;
        dsl.connection(connection -> {
            DSLContext one = DSL.using(connection, dsl.dialect(), dsl.settings());
            // MySQL/MariaDB check foreign keys row by row, so a self-referencing table cannot be
            // emptied in one DELETE; the order already keeps every other reference intact.
            if (mysql) {
                one.execute("SET FOREIGN_KEY_CHECKS = 0");
            }
            try {
                for (String table : order) {
                    one.deleteFrom(DSL.table(DSL.name(table))).execute();
                }
            } finally {
                if (mysql) {
                    one.execute("SET FOREIGN_KEY_CHECKS = 1");
                }
            }
        });
        return order;
    }

    private static Set<String> lowerCase(Iterable<String> names) {
        Set<String> lower = new TreeSet<>();
        names.forEach(name -> lower.add(name.toLowerCase(Locale.ROOT)));
        return lower;
    }
}
