package dev.kysera.executor.plan;

/**
 * What a write means beyond its SQL kind, as the plugin that made or changed it declared
 * ({@link StatementPlan#intent()}): observers such as an audit log record a soft delete as a soft
 * delete whichever path made it, instead of guessing from the columns an UPDATE sets.
 */
public enum WriteIntent {
    /** The statement is what its kind says. */
    AS_WRITTEN,
    /**
     * An UPDATE that marks rows deleted: a DELETE turned into an UPDATE
     * ({@link dev.kysera.executor.Transform#deleteAsUpdate}), or an UPDATE a plugin marked so
     * ({@link dev.kysera.executor.Transform#markAs}).
     */
    SOFT_DELETE,
    /** An UPDATE that brings soft-deleted rows back, as a plugin marked it ({@link dev.kysera.executor.Transform#markAs}). */
    RESTORE
}
