package dev.kysera.rls;

import java.util.EnumSet;
import java.util.Set;

/** What a policy rule is about: reading rows, creating them, updating them or deleting them. */
public enum RlsOperation {
    /** Rows are read (SELECT, subqueries, join sources, the source of INSERT … SELECT). */
    READ,
    /** Rows are inserted (also the insert part of an upsert). */
    CREATE,
    /** Rows are updated (also the update part of an upsert). */
    UPDATE,
    /** Rows are deleted, whether removed or marked deleted by soft delete. */
    DELETE;

    /**
     * For rules that apply to everything.
     *
     * @return a new mutable set of all four operations
     */
    public static Set<RlsOperation> all() {
        return EnumSet.allOf(RlsOperation.class);
    }

    /**
     * The operations on rows that already exist.
     *
     * @return a new mutable set of read, update and delete
     */
    public static Set<RlsOperation> existingRows() {
        return EnumSet.of(READ, UPDATE, DELETE);
    }
}
