package dev.kysera.core.error;

import dev.kysera.core.error.internal.PostgresServerNames;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jooq.SQLDialect;

/**
 * Turns whatever a database call threw into a {@link KyseraException}: constraint violations into
 * {@link UniqueConstraintException}, {@link ForeignKeyException}, {@link NotNullException},
 * {@link CheckConstraintException}; retryable failures into {@link TransientDatabaseException};
 * cancellations into {@link QueryCancelledException}; other database errors into a plain
 * {@link DatabaseException} ({@code DATABASE_ERROR}); anything else into a {@link KyseraException}
 * with code {@value #UNEXPECTED_ERROR}. Already translated exceptions come back unchanged.
 *
 * <p>Classification uses SQLState and vendor codes of the dialect's family, never message text,
 * with one exception documented on SQL Server's error 547. Message text is read only to extract
 * table, constraint and column names; {@link ConstraintNamesExtractor} can supply them from a
 * driver API instead. When no dialect is given, the family is recognised from the driver's
 * exception class (or, for MariaDB's plain {@code java.sql} exceptions, the class that threw it);
 * when that fails only standard SQLStates are used.
 *
 * <p>Immutable and thread-safe. {@code translate} never returns null and never throws.
 */
public final class ErrorTranslator {

    /** Code of the {@link KyseraException} for throwables that are not database errors at all. */
    public static final String UNEXPECTED_ERROR = "UNEXPECTED_ERROR";

    /** Cause chains longer than this are cut, so a cyclic or pathological chain cannot hang us. */
    private static final int MAX_VISITED = 1_000;

    /** Driver fields read without configuration: PostgreSQL's error response. */
    private static final ConstraintNamesExtractor DETECTED = PostgresServerNames.INSTANCE;

    private static final ErrorTranslator STANDARD = new ErrorTranslator(null);

    /** Most trusted first: the application's hook, then the detected driver fields. */
    private final List<ConstraintNamesExtractor> extractors;

    private ErrorTranslator(ConstraintNamesExtractor extractor) {
        this.extractors = extractor == null ? List.of(DETECTED) : List.of(extractor, DETECTED);
    }

    /**
     * A translator that reads names from driver messages and, for PostgreSQL's driver, from the
     * separate fields of the server's error response (which name the table of a unique violation,
     * and stay English whatever the server's {@code lc_messages}).
     *
     * @return the shared standard translator
     */
    public static ErrorTranslator standard() {
        return STANDARD;
    }

    /**
     * A translator that asks {@code extractor} for names first, then the driver fields {@link #standard()}
     * reads, then the message for the rest.
     *
     * @param extractor the driver-specific name source, not null
     * @return a new translator
     * @throws NullPointerException if {@code extractor} is null
     */
    public static ErrorTranslator withExtractor(ConstraintNamesExtractor extractor) {
        return new ErrorTranslator(Objects.requireNonNull(extractor, "extractor"));
    }

    /**
     * Translates with the family recognised from the driver's exception.
     *
     * @param failure what was thrown; null gives an {@value #UNEXPECTED_ERROR} exception
     * @return the translated exception, never null; {@code failure} itself if it already is a {@link KyseraException}
     */
    public KyseraException translate(Throwable failure) {
        return translate(failure, null, null);
    }

    /**
     * Translates an error raised by a database of the given jOOQ dialect ({@code null} or
     * {@code DEFAULT}: recognise it from the driver).
     *
     * @param failure what was thrown; null gives an {@value #UNEXPECTED_ERROR} exception
     * @param dialect the dialect of the database that raised it, or null
     * @return the translated exception, never null; {@code failure} itself if it already is a {@link KyseraException}
     */
    public KyseraException translate(Throwable failure, SQLDialect dialect) {
        DatabaseFamily family = DatabaseFamily.of(dialect);
        return translate(failure, family == DatabaseFamily.OTHER ? null : family, dialect);
    }

    /**
     * Translates an error raised by a database of the given family, e.g. SQL Server, which open-source
     * jOOQ cannot name ({@link DatabaseFamily#OTHER}: recognise it from the driver).
     *
     * @param failure what was thrown; null gives an {@value #UNEXPECTED_ERROR} exception
     * @param family  the family of the database that raised it, or null
     * @return the translated exception, never null; {@code failure} itself if it already is a {@link KyseraException}
     */
    public KyseraException translate(Throwable failure, DatabaseFamily family) {
        return translate(failure, family == DatabaseFamily.OTHER ? null : family, null);
    }

    private KyseraException translate(Throwable failure, DatabaseFamily family, SQLDialect dialect) {
        if (failure instanceof KyseraException done) {
            return done;
        }
        if (failure == null) {
            return new KyseraException(UNEXPECTED_ERROR, "Unknown error (no exception was given)");
        }
        try {
            return translateChain(failure, family, dialect);
        } catch (RuntimeException | StackOverflowError broken) {
            // a throwable whose getMessage() or getCause() itself fails must not escape translation
            KyseraException fallback = new KyseraException(UNEXPECTED_ERROR,
                    "Unexpected error: " + failure.getClass().getName(), failure);
            fallback.addSuppressed(broken);
            return fallback;
        }
    }

    private KyseraException translateChain(Throwable failure, DatabaseFamily family, SQLDialect dialect) {
        List<Throwable> chain = chain(failure);
        List<SQLException> sqlExceptions = new ArrayList<>();
        for (Throwable t : chain) {
            if (t instanceof KyseraException done && sqlExceptions.isEmpty()) {
                return done; // translated further down, then wrapped by someone else
            }
            if (t instanceof SQLException sql) {
                sqlExceptions.add(sql);
            }
        }
        // a batch exception repeats (and embeds the SQL of) the entry failure that getNextException holds
        sqlExceptions.sort(Comparator.comparing(e -> e instanceof BatchUpdateException));
        for (SQLException sql : sqlExceptions) {
            DatabaseFamily effective = family != null ? family : SqlErrorClassifier.familyOfDriver(sql);
            int vendorCode = SqlErrorClassifier.vendorCode(effective, sql);
            Optional<Category> category = SqlErrorClassifier.classify(effective, sql, vendorCode);
            if (category.isPresent()) {
                DatabaseErrorDetails details = DatabaseErrorDetails.of(effective, dialect, sql.getSQLState(), vendorCode,
                        names(effective, category.get(), sql));
                return create(category.get(), details, failure);
            }
        }
        if (!sqlExceptions.isEmpty()) {
            SQLException sql = sqlExceptions.stream()
                    .filter(e -> e.getSQLState() != null || e.getErrorCode() != 0)
                    .findFirst().orElse(sqlExceptions.getFirst());
            DatabaseFamily effective = family != null ? family : SqlErrorClassifier.familyOfDriver(sql);
            int vendorCode = SqlErrorClassifier.vendorCode(effective, sql);
            DatabaseErrorDetails details = DatabaseErrorDetails.of(effective, dialect, sql.getSQLState(), vendorCode,
                    ConstraintNames.NONE);
            return new DatabaseException(genericMessage(sql), details, failure);
        }
        if (chain.stream().anyMatch(t -> t instanceof org.jooq.exception.DataAccessException)) {
            DatabaseErrorDetails details = DatabaseErrorDetails.of(family, dialect, null, 0, ConstraintNames.NONE);
            return new DatabaseException("Database error: " + firstLine(failure.getMessage()), details, failure);
        }
        String message = failure.getMessage();
        return new KyseraException(UNEXPECTED_ERROR, "Unexpected error: " + failure.getClass().getName()
                + (message == null ? "" : ": " + firstLine(message)), failure);
    }

    private ConstraintNames names(DatabaseFamily family, Category category, SQLException sql) {
        ConstraintNames names = ConstraintNameParser.parse(family, category, sql);
        if (!category.isConstraint()) {
            return names;
        }
        for (ConstraintNamesExtractor extractor : extractors.reversed()) {
            ConstraintNames below = names;
            names = supplied(extractor, family, sql).map(found -> found.or(below)).orElse(below);
        }
        return names;
    }

    private static Optional<ConstraintNames> supplied(ConstraintNamesExtractor extractor, DatabaseFamily family, SQLException sql) {
        try {
            Optional<ConstraintNames> supplied = extractor.extract(sql, family);
            return supplied == null ? Optional.empty() : supplied;
        } catch (RuntimeException ignored) {
            // a broken hook costs names, not the translation
            return Optional.empty();
        }
    }

    private static KyseraException create(Category category, DatabaseErrorDetails details, Throwable cause) {
        return switch (category) {
            case UNIQUE -> new UniqueConstraintException(details, cause);
            case FOREIGN_KEY -> new ForeignKeyException(details, cause);
            case NOT_NULL -> new NotNullException(details, cause);
            case CHECK -> new CheckConstraintException(details, cause);
            case SERIALIZATION_FAILURE -> transientError(TransientDatabaseException.Kind.SERIALIZATION_FAILURE, details, cause);
            case DEADLOCK -> transientError(TransientDatabaseException.Kind.DEADLOCK, details, cause);
            case LOCK_TIMEOUT -> transientError(TransientDatabaseException.Kind.LOCK_TIMEOUT, details, cause);
            case CONNECTION_LOST -> transientError(TransientDatabaseException.Kind.CONNECTION_LOST, details, cause);
            case DATABASE_BUSY -> transientError(TransientDatabaseException.Kind.DATABASE_BUSY, details, cause);
            case QUERY_CANCELLED -> new QueryCancelledException(details, cause);
            case UNCLASSIFIED -> new DatabaseException("Database error", details, cause);
        };
    }

    private static TransientDatabaseException transientError(
            TransientDatabaseException.Kind kind, DatabaseErrorDetails details, Throwable cause) {
        return new TransientDatabaseException(kind, details, cause);
    }

    /** The driver's own first line, which is what the driver chose to say; later lines carry row details. */
    private static String genericMessage(SQLException sql) {
        StringBuilder message = new StringBuilder("Database error");
        if (sql.getSQLState() != null || sql.getErrorCode() != 0) {
            message.append(" [");
            if (sql.getSQLState() != null) {
                message.append("SQLState ").append(sql.getSQLState());
            }
            if (sql.getErrorCode() != 0) {
                message.append(sql.getSQLState() != null ? ", " : "").append("vendor code ").append(sql.getErrorCode());
            }
            message.append(']');
        }
        String driverMessage = firstLine(sql.getMessage());
        return driverMessage.isEmpty() ? message.toString() : message.append(": ").append(driverMessage).toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    /**
     * The throwable, its causes and (for SQL exceptions) the next exceptions, breadth-first, each
     * once: cycles and self-causes end the walk instead of looping.
     */
    private static List<Throwable> chain(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> ordered = new ArrayList<>();
        Deque<Throwable> queue = new ArrayDeque<>();
        queue.add(failure);
        while (!queue.isEmpty() && ordered.size() < MAX_VISITED) {
            Throwable t = queue.poll();
            if (!seen.add(t)) {
                continue;
            }
            ordered.add(t);
            if (t instanceof SQLException sql && sql.getNextException() != null) {
                queue.add(sql.getNextException());
            }
            if (t.getCause() != null) {
                queue.add(t.getCause());
            }
        }
        return ordered;
    }
}
