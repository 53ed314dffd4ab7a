package dev.kysera.core.error;

import java.util.Objects;
import java.util.Optional;
import org.jooq.SQLDialect;

/**
 * What the database and driver reported about a failure, kept on every {@link DatabaseException}.
 *
 * @param family     the family whose codes were used to classify the error
 * @param dialect    the jOOQ dialect the caller named when translating; empty when the family was
 *                   recognised from the driver instead, and always for SQL Server on open-source jOOQ
 * @param sqlState   the five-character SQLState, if the driver set one (SQLite's driver never does)
 * @param vendorCode the vendor error code; for SQLite the extended result code when the driver names
 *                   it, otherwise {@link java.sql.SQLException#getErrorCode()}; 0 when none
 * @param names      table, constraint and columns, as far as the database reported them
 */
public record DatabaseErrorDetails(DatabaseFamily family, Optional<SQLDialect> dialect, Optional<String> sqlState,
        int vendorCode, ConstraintNames names) {

    /** Nothing known: no dialect, no SQLState, vendor code 0, no names. */
    public static final DatabaseErrorDetails UNKNOWN =
            new DatabaseErrorDetails(DatabaseFamily.OTHER, Optional.empty(), Optional.empty(), 0, ConstraintNames.NONE);

    public DatabaseErrorDetails {
        family = Objects.requireNonNullElse(family, DatabaseFamily.OTHER);
        dialect = dialect == null ? Optional.empty() : dialect;
        sqlState = sqlState == null ? Optional.empty() : sqlState.filter(s -> !s.isBlank());
        names = Objects.requireNonNullElse(names, ConstraintNames.NONE);
    }

    /** Builds details from nullable parts. */
    public static DatabaseErrorDetails of(DatabaseFamily family, SQLDialect dialect, String sqlState, int vendorCode,
            ConstraintNames names) {
        return new DatabaseErrorDetails(family, Optional.ofNullable(dialect), Optional.ofNullable(sqlState), vendorCode, names);
    }

    /** The same details with other names. */
    public DatabaseErrorDetails withNames(ConstraintNames newNames) {
        return new DatabaseErrorDetails(family, dialect, sqlState, vendorCode, newNames);
    }
}
