package dev.kysera.executor;

/**
 * What a statement does with the rows of one table occurrence, which is what plugins judge: a
 * DELETE turned into an UPDATE by soft delete is still a {@link #DELETE} of the rows it removes.
 */
public enum Operation {
    /** Rows are read: SELECT, subqueries, join sources, the FROM of UPDATE … FROM, MERGE sources. */
    READ,
    /** Rows are inserted (also the insert part of an upsert). */
    INSERT,
    /** Rows are updated (also the update part of an upsert). */
    UPDATE,
    /** Rows are deleted, whether the database deletes them or a plugin marks them deleted. */
    DELETE
}
