package dev.kysera.micrometer.internal;

import dev.kysera.core.error.DatabaseException;
import dev.kysera.core.error.KyseraException;
import java.sql.SQLException;

/** The {@code error.type} and SQLSTATE of a failure. */
public final class Errors {

    private Errors() {
    }

    /** The Kysera error code (a fixed set), else the class name (bounded by the code base). */
    public static String type(Throwable failure) {
        return failure instanceof KyseraException kysera ? kysera.code() : failure.getClass().getName();
    }

    /** The SQLSTATE the driver reported, from the Kysera exception or the first {@link SQLException} in the causes. */
    public static String sqlState(Throwable failure) {
        if (failure instanceof DatabaseException database && database.sqlState().isPresent()) {
            return database.sqlState().get();
        }
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 16; cause = cause.getCause(), depth++) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && !sql.getSQLState().isBlank()) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
