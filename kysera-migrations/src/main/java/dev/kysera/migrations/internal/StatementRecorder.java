package dev.kysera.migrations.internal;

import dev.kysera.migrations.SqlStatement;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Wraps a JDBC connection so that every statement sent through it — by jOOQ or by plain JDBC — is
 * recorded with its bound values. The same wrapper serves real runs and dry runs (where the wrapped
 * connection is a jOOQ {@code MockConnection}), so both record the SQL the same way. Closing the
 * wrapper does nothing: the migrator owns the connection.
 */
public final class StatementRecorder {

    private static final Set<String> EXECUTE = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "addBatch");

    private final List<SqlStatement> statements = new ArrayList<>();

    /** A recording view of {@code connection}. */
    public Connection wrap(Connection connection) {
        return proxy(Connection.class, connection, (self, method, args) -> switch (method.getName()) {
            case "close" -> null;
            case "createStatement" -> statement(Statement.class, (Statement) invoke(connection, method, args), null, self);
            case "prepareStatement" -> statement(PreparedStatement.class, (Statement) invoke(connection, method, args),
                    (String) args[0], self);
            case "prepareCall" -> statement(CallableStatement.class, (Statement) invoke(connection, method, args),
                    (String) args[0], self);
            default -> invoke(connection, method, args);
        });
    }

    /** What was recorded since the last {@link #take()}, in order; clears the record. */
    public List<SqlStatement> take() {
        List<SqlStatement> taken = List.copyOf(statements);
        statements.clear();
        return taken;
    }

    private <S extends Statement> Object statement(Class<S> type, Statement real, String sql, Object connection) {
        TreeMap<Integer, Object> binds = new TreeMap<>();
        return proxy(type, real, (self, method, args) -> {
            String name = method.getName();
            int arity = args == null ? 0 : args.length;
            if (EXECUTE.contains(name) && arity > 0 && args[0] instanceof String text) {
                statements.add(new SqlStatement(text, List.of()));
            } else if (EXECUTE.contains(name) && arity == 0 && sql != null) {
                statements.add(new SqlStatement(sql, new ArrayList<>(binds.values())));
            } else if (name.startsWith("set") && arity >= 2 && args[0] instanceof Integer index && sql != null) {
                binds.put(index, name.equals("setNull") ? null : args[1]);
            } else if (name.equals("clearParameters")) {
                binds.clear();
            } else if (name.equals("getConnection")) {
                return connection;
            }
            return invoke(real, method, args);
        });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static <T> T proxy(Class<T> type, Object target, InvocationHandler handler) {
        InvocationHandler guarded = (self, method, args) -> switch (method.getName()) {
            case "equals" -> self == args[0];
            case "hashCode" -> System.identityHashCode(self);
            case "toString" -> "Recording[" + target + "]";
            default -> handler.invoke(self, method, args);
        };
        return type.cast(Proxy.newProxyInstance(StatementRecorder.class.getClassLoader(), new Class<?>[] {type}, guarded));
    }
}
