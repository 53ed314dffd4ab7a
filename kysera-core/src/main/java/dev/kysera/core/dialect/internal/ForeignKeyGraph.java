package dev.kysera.core.dialect.internal;

import dev.kysera.core.error.BadRequestException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Orders and closes sets of tables under their foreign keys. Internal, not API. */
public final class ForeignKeyGraph {

    private final String schema;
    private final List<ForeignKey> keys;

    public ForeignKeyGraph(String schema, Collection<ForeignKey> keys) {
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
            for (ForeignKey key : keys) {
                if (!key.parent().equals(parent) || key.child().equals(parent) && sameSchema(key)) {
                    continue;
                }
                if (!sameSchema(key)) {
                    throw outsideSchema(key);
                }
                if (result.add(key.child())) {
                    todo.push(key.child());
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
        for (ForeignKey key : keys) {
            if (!emptied.contains(key.parent())) {
                continue;
            }
            if (!sameSchema(key)) {
                throw outsideSchema(key);
            }
            if (!emptied.contains(key.child())) {
                throw new BadRequestException("Cannot empty table '" + key.parent() + "' while keeping '" + key.child()
                        + "', which references it; exclude '" + key.parent() + "' too, or stop excluding '"
                        + key.child() + "'");
            }
        }
    }

    /** The tables ordered so that each comes before the tables it references; cycles keep name order. */
    public List<String> childrenFirst(Set<String> tables) {
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
                // a cycle: the callers disable or defer foreign key checks, so any order works
                next = remaining.iterator().next();
            }
            remaining.remove(next);
            ordered.add(next);
        }
        return ordered;
    }

    private boolean referencedByAnyOf(String parent, Set<String> children) {
        for (ForeignKey key : keys) {
            if (sameSchema(key) && key.parent().equals(parent) && !key.child().equals(parent)
                    && children.contains(key.child())) {
                return true;
            }
        }
        return false;
    }

    private boolean sameSchema(ForeignKey key) {
        return key.childSchema() == null || key.childSchema().equals(schema);
    }

    private static BadRequestException outsideSchema(ForeignKey key) {
        return new BadRequestException("Table '" + key.parent() + "' is referenced by '" + key.childSchema() + "."
                + key.child() + "' in another schema; Kysera only empties tables of one schema, so it refuses");
    }
}
