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

    public static final String CODE = "DATABASE_ERROR";

    private final transient DatabaseErrorDetails details;

    /** An unclassified database error. */
    public DatabaseException(String message, DatabaseErrorDetails details, Throwable cause) {
        this(CODE, message, details, cause);
    }

    protected DatabaseException(String code, String message, DatabaseErrorDetails details, Throwable cause) {
        super(code, message, cause);
        this.details = Objects.requireNonNullElse(details, DatabaseErrorDetails.UNKNOWN);
    }

    /** Everything the database reported, in one value. */
    public DatabaseErrorDetails details() {
        // null only after Java deserialization, which does not carry the details
        return details == null ? DatabaseErrorDetails.UNKNOWN : details;
    }

    /** The family whose codes classified this error. */
    public DatabaseFamily family() {
        return details().family();
    }

    /** The jOOQ dialect named when translating, if any (see {@link DatabaseErrorDetails#dialect()}). */
    public Optional<SQLDialect> dialect() {
        return details().dialect();
    }

    /** The SQLState the driver reported, if any. */
    public Optional<String> sqlState() {
        return details().sqlState();
    }

    /** The vendor error code (see {@link DatabaseErrorDetails#vendorCode()}); 0 when none. */
    public int vendorCode() {
        return details().vendorCode();
    }

    /** The table involved, if the database named it. */
    public Optional<String> table() {
        return details().names().table();
    }

    /** The constraint or unique index involved, if the database named it. */
    public Optional<String> constraint() {
        return details().names().constraint();
    }

    /** The columns involved, if the database named them; otherwise empty. */
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
