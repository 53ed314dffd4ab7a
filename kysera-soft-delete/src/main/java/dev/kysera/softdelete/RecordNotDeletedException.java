package dev.kysera.softdelete;

import dev.kysera.core.error.KyseraException;

/** A restore was asked for a row that is not soft-deleted. Nothing was changed. */
public class RecordNotDeletedException extends KyseraException {

    private static final long serialVersionUID = 1L;

    public static final String CODE = "RECORD_NOT_DELETED";

    public RecordNotDeletedException(String table, Object id) {
        super(CODE, "Row " + id + " of " + table + " is not deleted, so it cannot be restored");
    }
}
