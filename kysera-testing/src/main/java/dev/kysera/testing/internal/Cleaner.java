package dev.kysera.testing.internal;

import dev.kysera.core.dialect.ForeignKeyInfo;
import dev.kysera.core.dialect.SchemaTools;
import dev.kysera.testing.Cleaning;
import dev.kysera.testing.schema.SchemaCleaner;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
     * @throws IllegalStateException if a kept table references one that would be emptied, or
     *                               (DELETE) tables reference each other in a cycle
     */
    public static List<String> clean(Cleaning how, DSLContext dsl, Set<String> keep) {
        return switch (how) {
            case TRUNCATE -> SchemaCleaner.of(dsl).cleanAll(keep.toArray(String[]::new)).emptied();
            case DELETE -> deleteInDependencyOrder(dsl, keep);
            case NONE, RECREATE_SCHEMA -> throw new IllegalArgumentException(how + " is not a table cleaning");
        };
    }

    private static List<String> deleteInDependencyOrder(DSLContext dsl, Set<String> keep) {
        Map<String, Set<String>> parents = referencedTables(dsl);
        Set<String> kept = lowerCase(keep);
        Set<String> targets = new TreeSet<>();
        for (String table : parents.keySet()) {
            if (!kept.contains(table.toLowerCase(Locale.ROOT))) {
                targets.add(table);
            }
        }
        for (String table : parents.keySet()) {
            if (!targets.contains(table)) {
                for (String parent : parents.get(table)) {
                    if (targets.contains(parent)) {
                        throw new IllegalStateException("Cannot delete the rows of " + parent + ": kept table " + table
                                + " references it; keep it too or clean " + table);
                    }
                }
            }
        }
        List<String> order = childrenFirst(targets, parents);
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

    /** Each base table of the current schema with the other tables of it that it references (self references left out). */
    private static Map<String, Set<String>> referencedTables(DSLContext dsl) {
        SchemaTools tools = SchemaTools.of(dsl);
        String schema = tools.currentSchema();
        Map<String, Set<String>> parents = new TreeMap<>();
        tools.listTables().forEach(name -> parents.put(name, new TreeSet<>()));
        for (ForeignKeyInfo key : tools.foreignKeysInto()) {
            String child = key.referencingTable();
            if (schema.equals(key.referencingSchema()) && parents.containsKey(child) && !child.equals(key.referencedTable())) {
                parents.get(child).add(key.referencedTable());
            }
        }
        return parents;
    }

    /** Tables that reference others before the tables they reference; ties by name. */
    public static List<String> childrenFirst(Set<String> targets, Map<String, Set<String>> parents) {
        List<String> parentsFirst = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (String table : targets) {
            visit(table, targets, parents, done, visiting, parentsFirst);
        }
        return parentsFirst.reversed();
    }

    private static void visit(String table, Set<String> targets, Map<String, Set<String>> parents,
                              Set<String> done, Set<String> visiting, List<String> parentsFirst) {
        if (done.contains(table)) {
            return;
        }
        if (!visiting.add(table)) {
            throw new IllegalStateException("Tables reference each other in a cycle " + visiting
                    + ": no delete order exists; use Cleaning.TRUNCATE or RECREATE_SCHEMA");
        }
        for (String parent : parents.getOrDefault(table, Set.of())) {
            if (targets.contains(parent)) {
                visit(parent, targets, parents, done, visiting, parentsFirst);
            }
        }
        visiting.remove(table);
        done.add(table);
        parentsFirst.add(table);
    }

    private static Set<String> lowerCase(Iterable<String> names) {
        Set<String> lower = new TreeSet<>();
        names.forEach(name -> lower.add(name.toLowerCase(Locale.ROOT)));
        return lower;
    }
}
