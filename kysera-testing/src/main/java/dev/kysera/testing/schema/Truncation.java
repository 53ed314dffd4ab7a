package dev.kysera.testing.schema;

import java.util.List;

/**
 * What {@link SchemaCleaner#truncate(String...)} or {@link SchemaCleaner#cleanAll(String...)} did.
 *
 * @param emptied the tables emptied (identities restarted), children before parents; includes the
 *                tables that reference a requested table, which are emptied with it
 * @param missing requested (or excluded) names that are not tables of the schema; nothing was done
 *                for them
 */
public record Truncation(List<String> emptied, List<String> missing) {

    /**
     * Copies both lists, so the result is immutable.
     *
     * @throws NullPointerException if a list is null or holds null
     */
    public Truncation {
        emptied = List.copyOf(emptied);
        missing = List.copyOf(missing);
    }
}
