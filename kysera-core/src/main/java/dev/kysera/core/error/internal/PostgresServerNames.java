package dev.kysera.core.error.internal;

import dev.kysera.core.error.ConstraintNames;
import dev.kysera.core.error.ConstraintNamesExtractor;
import dev.kysera.core.error.DatabaseFamily;
import java.lang.reflect.Method;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Reads the names PostgreSQL sends as separate fields of its error response. The message text of a
 * unique violation lacks the table, and the text is translated under a non-English
 * {@code lc_messages}; the fields are neither. The detail field, which carries row values, is never read.
 *
 * <p>Core depends on no driver, so the driver's public accessors ({@code PSQLException.getServerErrorMessage()},
 * then {@code getTable()}, {@code getConstraint()}, {@code getColumn()}) are looked up by name, once per
 * exception class; an exception of any other driver, or a driver without them, yields nothing.
 */
public final class PostgresServerNames implements ConstraintNamesExtractor {

    /** The accessor of the server's error fields, per exception class; null where there is none. */
    private static final ClassValue<Method> SERVER_MESSAGE = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            if (!type.getName().startsWith("org.postgresql.")) {
                return null;
            }
            Method method = publicMethod(type, "getServerErrorMessage");
            return method != null && method.getReturnType().getName().equals("org.postgresql.util.ServerErrorMessage") ? method : null;
        }
    };

    /** Shared: it holds no state. */
    public static final PostgresServerNames INSTANCE = new PostgresServerNames();

    private PostgresServerNames() {
    }

    @Override
    public Optional<ConstraintNames> extract(SQLException exception, DatabaseFamily family) {
        Method accessor = SERVER_MESSAGE.get(exception.getClass());
        Object fields = accessor == null ? null : invoke(accessor, exception);
        if (fields == null) {
            return Optional.empty();
        }
        String column = field(fields, "getColumn");
        return Optional.of(ConstraintNames.of(field(fields, "getTable"), field(fields, "getConstraint"),
                column == null ? List.of() : List.of(column), null));
    }

    private static String field(Object fields, String accessor) {
        Method method = publicMethod(fields.getClass(), accessor);
        return method != null && method.getReturnType() == String.class ? (String) invoke(method, fields) : null;
    }

    private static Method publicMethod(Class<?> type, String name) {
        try {
            return type.getMethod(name);
        } catch (NoSuchMethodException absent) {
            return null;
        }
    }

    private static Object invoke(Method method, Object target) {
        try {
            return method.invoke(target);
        } catch (ReflectiveOperationException | RuntimeException unreadable) {
            // names are a courtesy: an inaccessible driver costs them, never the translation
            return null;
        }
    }
}
