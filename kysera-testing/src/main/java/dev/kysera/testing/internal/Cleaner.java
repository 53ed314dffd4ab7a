package dev.kysera.testing.internal;

import dev.kysera.core.dialect.SchemaTools;
import dev.kysera.testing.Cleaning;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.Record;
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
            case TRUNCATE -> SchemaTools.of(dsl).cleanAll(keep.toArray(String[]::new)).emptied();
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

    /** Each base table of the current schema with the other tables it references (self references left out). */
    private static Map<String, Set<String>> referencedTables(DSLContext dsl) {
        SchemaTools tools = SchemaTools.of(dsl);
        List<String> names = tools.listTables();
        Map<String, String> canonical = new HashMap<>();
        names.forEach(name -> canonical.put(name.toLowerCase(Locale.ROOT), name));
        Map<String, Set<String>> parents = new TreeMap<>();
        names.forEach(name -> parents.put(name, new TreeSet<>()));
        for (String[] reference : references(dsl, tools.currentSchema(), names)) {
            String child = canonical.get(reference[0].toLowerCase(Locale.ROOT));
            String parent = canonical.get(reference[1].toLowerCase(Locale.ROOT));
            if (child != null && parent != null && !child.equals(parent)) {
                parents.get(child).add(parent);
            }
        }
        return parents;
    }

    /**
     * Foreign keys as (referencing table, referenced table) pairs, from the catalog directly: jOOQ's
     * own metadata queries use columns older MariaDB servers do not have.
     */
    private static List<String[]> references(DSLContext dsl, String schema, List<String> tables) {
        List<String[]> references = new ArrayList<>();
        switch (dsl.dialect().family()) {
            case SQLITE -> {
                for (String table : tables) {
                    for (Record row : dsl.fetch("select \"table\" from pragma_foreign_key_list(?)", table)) {
                        references.add(new String[] {table, row.get(0, String.class)});
                    }
                }
            }
            case MARIADB, MYSQL -> dsl.fetch("select table_name, referenced_table_name from information_schema.referential_constraints"
                    + " where constraint_schema = ?", schema).forEach(row -> references.add(pair(row)));
            default -> dsl.fetch("select fk.table_name, pk.table_name from information_schema.referential_constraints rc"
                    + " join information_schema.table_constraints fk on fk.constraint_schema = rc.constraint_schema"
                    + " and fk.constraint_name = rc.constraint_name"
                    + " join information_schema.table_constraints pk on pk.constraint_schema = rc.unique_constraint_schema"
                    + " and pk.constraint_name = rc.unique_constraint_name"
                    + " where fk.table_schema = ?", schema).forEach(row -> references.add(pair(row)));
        }
        return references;
    }

    private static String[] pair(Record row) {
        return new String[] {row.get(0, String.class), row.get(1, String.class)};
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
