package dev.kysera.core.error.internal;

import dev.kysera.core.error.ConstraintNames;
import dev.kysera.core.error.ConstraintNamesExtractor;
import dev.kysera.core.error.DatabaseFamily;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Reads the names PostgreSQL sends as separate fields of its error response. The message text of a
 * unique violation lacks the table, and the text is translated under a non-English
 * {@code lc_messages}; the fields are neither. The detail field, which carries row values, is never read.
 */
public final class PostgresServerNames implements ConstraintNamesExtractor {

    private static final String DRIVER_CLASS = "org.postgresql.util.PSQLException";

    private PostgresServerNames() {
    }

    /**
     * The extractor when the PostgreSQL driver can be loaded next to Kysera core.
     *
     * @return the extractor, or empty when the driver is absent
     */
    public static Optional<ConstraintNamesExtractor> ifDriverPresent() {
        try {
            Class<?> driver = Class.forName(DRIVER_CLASS, false, PostgresServerNames.class.getClassLoader());
            // on the module path the driver may be loadable yet unreadable from this module
            return PostgresServerNames.class.getModule().canRead(driver.getModule())
                    ? Optional.of(new PostgresServerNames())
                    : Optional.empty();
        } catch (ClassNotFoundException | LinkageError absent) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<ConstraintNames> extract(SQLException exception, DatabaseFamily family) {
        if (!(exception instanceof PSQLException psql) || psql.getServerErrorMessage() == null) {
            return Optional.empty();
        }
        ServerErrorMessage fields = psql.getServerErrorMessage();
        List<String> columns = fields.getColumn() == null ? List.of() : List.of(fields.getColumn());
        return Optional.of(ConstraintNames.of(fields.getTable(), fields.getConstraint(), columns, null));
    }
}
