package dev.kysera.core.error;

import java.util.Objects;
import java.util.Optional;
import org.jooq.SQLDialect;

/**
 * What the database and driver reported about a failure, kept on every {@link DatabaseException}.
 *
 * <p>Immutable; equal when every part is equal.
 */
public final class DatabaseErrorDetails {

    /** Nothing known: no dialect, no SQLState, vendor code 0, no names. */
    public static final DatabaseErrorDetails UNKNOWN = new DatabaseErrorDetails(DatabaseFamily.OTHER, null, null, 0,
            ConstraintNames.NONE);

    private final DatabaseFamily family;
    private final SQLDialect dialect;
    private final String sqlState;
    private final int vendorCode;
    private final ConstraintNames names;

    private DatabaseErrorDetails(DatabaseFamily family, SQLDialect dialect, String sqlState, int vendorCode,
            ConstraintNames names) {
        this.family = Objects.requireNonNullElse(family, DatabaseFamily.OTHER);
        this.dialect = dialect;
        this.sqlState = sqlState == null || sqlState.isBlank() ? null : sqlState;
        this.vendorCode = vendorCode;
        this.names = Objects.requireNonNullElse(names, ConstraintNames.NONE);
    }

    /**
     * Details from nullable parts.
     *
     * @param family     the family whose codes classified the error; null means {@link DatabaseFamily#OTHER}
     * @param dialect    the jOOQ dialect the caller named when translating, or null
     * @param sqlState   the SQLState the driver set, or null (blank counts as null)
     * @param vendorCode the vendor error code, 0 when none
     * @param names      the reported names; null means {@link ConstraintNames#NONE}
     * @return the details
     */
    public static DatabaseErrorDetails of(DatabaseFamily family, SQLDialect dialect, String sqlState, int vendorCode,
            ConstraintNames names) {
        return new DatabaseErrorDetails(family, dialect, sqlState, vendorCode, names);
    }

    /**
     * The family whose codes were used to classify the error.
     *
     * @return the family, never null
     */
    public DatabaseFamily family() {
        return family;
    }

    /**
     * The jOOQ dialect the caller named when translating.
     *
     * @return the dialect; empty when the family was recognised from the driver instead, and always for
     *         SQL Server on open-source jOOQ
     */
    public Optional<SQLDialect> dialect() {
        return Optional.ofNullable(dialect);
    }

    /**
     * The five-character SQLState.
     *
     * @return the SQLState, or empty if the driver set none (SQLite's driver never does)
     */
    public Optional<String> sqlState() {
        return Optional.ofNullable(sqlState);
    }

    /**
     * The vendor error code.
     *
     * @return for SQLite the extended result code when the driver names it, otherwise
     *         {@link java.sql.SQLException#getErrorCode()}; 0 when none
     */
    public int vendorCode() {
        return vendorCode;
    }

    /**
     * Table, constraint and columns, as far as the database reported them.
     *
     * @return the names, never null
     */
    public ConstraintNames names() {
        return names;
    }

    /**
     * The same details with other names.
     *
     * @param newNames the names; null means {@link ConstraintNames#NONE}
     * @return the new details
     */
    public DatabaseErrorDetails withNames(ConstraintNames newNames) {
        return new DatabaseErrorDetails(family, dialect, sqlState, vendorCode, newNames);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DatabaseErrorDetails that && family == that.family && dialect == that.dialect
                && Objects.equals(sqlState, that.sqlState) && vendorCode == that.vendorCode && names.equals(that.names);
    }

    @Override
    public int hashCode() {
        return Objects.hash(family, dialect, sqlState, vendorCode, names);
    }

    @Override
    public String toString() {
        return "DatabaseErrorDetails[family=" + family + ", dialect=" + dialect + ", sqlState=" + sqlState
                + ", vendorCode=" + vendorCode + ", names=" + names + "]";
    }
}
