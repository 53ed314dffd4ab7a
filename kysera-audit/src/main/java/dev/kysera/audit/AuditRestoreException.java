package dev.kysera.audit;

import dev.kysera.core.error.KyseraException;

/**
 * A restore was refused: the entry belongs to another table or row, or restoring it has no
 * meaning (an INSERT entry: the row did not exist before it).
 */
public class AuditRestoreException extends KyseraException {

    private static final long serialVersionUID = 1L;

    /** The error code of every refused restore, stable across versions. */
    public static final String CODE = "AUDIT_RESTORE_REFUSED";

    /**
     * Creates the refusal.
     *
     * @param message why the restore was refused
     */
    public AuditRestoreException(String message) {
        super(CODE, message);
    }
}
