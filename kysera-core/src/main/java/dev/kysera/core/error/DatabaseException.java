package dev.kysera.core.error;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.SQLDialect;

/**
 * A database error translated by {@link ErrorTranslator}. This class itself (code
 * {@value #CODE}) stands for database errors Kysera does not classify further, e.g. syntax errors
 * or missing tables; subclasses stand for the classified ones. The driver's exception is the
 * {@linkplain #getCause() cause}, so nothing the driver reported is lost.
 */
public class DatabaseException extends KyseraException {

    private static final long serialVersionUID = 1L;

    /** The error code of unclassified database errors: {@value}. */
    public static final String CODE = "DATABASE_ERROR";

    private final transient DatabaseErrorDetails details;

    /**
     * An unclassified database error.
     *
     * @param message what went wrong, in one line
     * @param details what the database reported; null is read as {@link DatabaseErrorDetails#UNKNOWN}
     * @param cause   the driver's exception, or {@code null}
     */
    public DatabaseException(String message, DatabaseErrorDetails details, Throwable cause) {
        this(CODE, message, details, cause);
    }

    /**
     * For the classified subclasses.
     *
     * @param code    stable error code, never blank
     * @param message what went wrong, in one line
     * @param details what the database reported; null is read as {@link DatabaseErrorDetails#UNKNOWN}
     * @param cause   the driver's exception, or {@code null}
     * @throws NullPointerException if {@code code} is null
     * @throws IllegalArgumentException if {@code code} is blank
     */
    protected DatabaseException(String code, String message, DatabaseErrorDetails details, Throwable cause) {
        super(code, message, cause);
        this.details = Objects.requireNonNullElse(details, DatabaseErrorDetails.UNKNOWN);
    }

    /**
     * Everything the database reported, in one value. The details are not serialized: after Java
     * deserialization this is {@link DatabaseErrorDetails#UNKNOWN}.
     *
     * @return the details, never null
     */
    public DatabaseErrorDetails details() {
        // null only after Java deserialization, which does not carry the details
        return details == null ? DatabaseErrorDetails.UNKNOWN : details;
    }

    /**
     * The family whose codes classified this error.
     *
     * @return the family, {@link DatabaseFamily#OTHER} when unknown
     */
    public DatabaseFamily family() {
        return details().family();
    }

    /**
     * The jOOQ dialect named when translating, if any (see {@link DatabaseErrorDetails#dialect()}).
     *
     * @return the dialect, or empty
     */
    public Optional<SQLDialect> dialect() {
        return details().dialect();
    }

    /**
     * The SQLState the driver reported, if any.
     *
     * @return the SQLState, or empty
     */
    public Optional<String> sqlState() {
        return details().sqlState();
    }

    /**
     * The vendor error code (see {@link DatabaseErrorDetails#vendorCode()}); 0 when none.
     *
     * @return the vendor code
     */
    public int vendorCode() {
        return details().vendorCode();
    }

    /**
     * The table involved, if the database named it.
     *
     * @return the table name, or empty
     */
    public Optional<String> table() {
        return details().names().table();
    }

    /**
     * The constraint or unique index involved, if the database named it.
     *
     * @return the constraint name, or empty
     */
    public Optional<String> constraint() {
        return details().names().constraint();
    }

    /**
     * The columns involved, if the database named them; otherwise empty.
     *
     * @return the column names, unmodifiable
     */
    public List<String> columns() {
        return details().names().columns();
    }

    @Override
    public String toString() {
        return super.toString() + " {family=" + family() + sqlState().map(s -> ", sqlState=" + s).orElse("")
                + (vendorCode() != 0 ? ", vendorCode=" + vendorCode() : "") + "}";
    }

    /** {@code "<kind> constraint[ name] violated[ on table(cols)]"}, with whatever parts are known. */
    static String constraintMessage(String kind, DatabaseErrorDetails details) {
        ConstraintNames names = Objects.requireNonNullElse(details, DatabaseErrorDetails.UNKNOWN).names();
        StringBuilder message = new StringBuilder(kind).append(" constraint");
        names.constraint().ifPresent(c -> message.append(' ').append(c));
        message.append(" violated");
        String columns = String.join(", ", names.columns());
        if (names.table().isPresent()) {
            message.append(" on ").append(names.table().get());
            if (!columns.isEmpty()) {
                message.append('(').append(columns).append(')');
            }
        } else if (!columns.isEmpty()) {
            message.append(" on column").append(names.columns().size() > 1 ? "s " : " ").append(columns);
        }
        return message.toString();
    }
}
