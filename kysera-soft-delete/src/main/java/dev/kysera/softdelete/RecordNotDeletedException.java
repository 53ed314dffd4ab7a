package dev.kysera.softdelete;

import dev.kysera.core.error.KyseraException;

/** A restore was asked for a row that is not soft-deleted. Nothing was changed. */
public class RecordNotDeletedException extends KyseraException {

    private static final long serialVersionUID = 1L;

    /** The error code of this exception, {@value}. */
    public static final String CODE = "RECORD_NOT_DELETED";

    /**
     * Creates the exception for one row.
     *
     * @param table the table's name, as shown in the message
     * @param id    the id of the live row that was to be restored
     */
    public RecordNotDeletedException(String table, Object id) {
        super(CODE, "Row " + id + " of " + table + " is not deleted, so it cannot be restored");
    }
}
