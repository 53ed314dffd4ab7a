package dev.kysera.testing.internal;

import dev.kysera.core.dialect.ForeignKeyInfo;
import dev.kysera.core.error.BadRequestException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Orders and closes sets of tables under their foreign keys, for {@link dev.kysera.testing.schema.SchemaCleaner}. Internal, not API. */
public final class ForeignKeyGraph {

    private final String schema;
    private final List<ForeignKeyInfo> keys;

    public ForeignKeyGraph(String schema, Collection<ForeignKeyInfo> keys) {
        this.schema = schema;
        this.keys = List.copyOf(keys);
    }

    /**
     * The tables plus every table that references one of them, directly or transitively, like
     * PostgreSQL's {@code TRUNCATE … CASCADE} — so emptying the result never leaves an orphan row.
     *
     * @throws BadRequestException if a table of another schema references one of them
     */
    public Set<String> withReferencingTables(Collection<String> tables) {
        Set<String> result = new TreeSet<>(tables);
        Deque<String> todo = new ArrayDeque<>(tables);
        while (!todo.isEmpty()) {
            String parent = todo.pop();
            for (ForeignKeyInfo key : keys) {
                if (!key.referencedTable().equals(parent) || key.referencingTable().equals(parent) && sameSchema(key)) {
                    continue;
                }
                if (!sameSchema(key)) {
                    throw outsideSchema(key);
                }
                if (result.add(key.referencingTable())) {
                    todo.push(key.referencingTable());
                }
            }
        }
        return result;
    }

    /**
     * Checks that no table left out of {@code emptied} references one of them.
     *
     * @throws BadRequestException naming the first such reference
     */
    public void requireNoKeptReferrers(Set<String> emptied) {
        for (ForeignKeyInfo key : keys) {
            if (!emptied.contains(key.referencedTable())) {
                continue;
            }
            if (!sameSchema(key)) {
                throw outsideSchema(key);
            }
            if (!emptied.contains(key.referencingTable())) {
                throw new BadRequestException("Cannot empty table '" + key.referencedTable() + "' while keeping '" + key.referencingTable()
                        + "', which references it; exclude '" + key.referencedTable() + "' too, or stop excluding '"
                        + key.referencingTable() + "'");
            }
        }
    }

    /** The tables ordered so that each comes before the tables it references; cycles keep name order. */
    public List<String> childrenFirst(Set<String> tables) {
        // a cycle: the callers disable or defer foreign key checks, so any order works
        return ordered(tables, remaining -> remaining.iterator().next());
    }

    /**
     * The tables ordered so that deleting their rows in this order never violates a reference.
     *
     * @throws BadRequestException if tables reference each other in a cycle (no such order exists)
     */
    public List<String> deleteOrder(Set<String> tables) {
        return ordered(tables, remaining -> {
            throw new BadRequestException("Tables reference each other in a cycle among " + remaining
                    + ": no delete order exists; use Cleaning.TRUNCATE or RECREATE_SCHEMA");
        });
    }

    private List<String> ordered(Set<String> tables, java.util.function.Function<Set<String>, String> inACycle) {
        Set<String> remaining = new TreeSet<>(tables);
        List<String> ordered = new ArrayList<>(tables.size());
        while (!remaining.isEmpty()) {
            String next = null;
            for (String candidate : remaining) {
                if (!referencedByAnyOf(candidate, remaining)) {
                    next = candidate;
                    break;
                }
            }
            if (next == null) {
                next = inACycle.apply(remaining);
            }
            remaining.remove(next);
            ordered.add(next);
        }
        return ordered;
    }

    private boolean referencedByAnyOf(String parent, Set<String> children) {
        for (ForeignKeyInfo key : keys) {
            if (sameSchema(key) && key.referencedTable().equals(parent) && !key.referencingTable().equals(parent)
                    && children.contains(key.referencingTable())) {
                return true;
            }
        }
        return false;
    }

    private boolean sameSchema(ForeignKeyInfo key) {
        return key.referencingSchema() == null || key.referencingSchema().equals(schema);
    }

    private static BadRequestException outsideSchema(ForeignKeyInfo key) {
        return new BadRequestException("Table '" + key.referencedTable() + "' is referenced by '" + key.referencingSchema() + "."
                + key.referencingTable() + "' in another schema; Kysera only empties tables of one schema, so it refuses");
    }
}
