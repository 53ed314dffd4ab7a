package dev.kysera.executor;

import java.util.Optional;
import org.jooq.SQLDialect;

/**
 * What a plugin may know while a statement renders: the context attributes of the executor the
 * statement runs through (read now, never captured earlier) and the dialect.
 */
public interface PluginContext {

    /**
     * The attribute set with {@link Executor#with(ContextKey, Object)} on the executor the statement
     * runs through.
     *
     * @param <T> the attribute's type
     * @param key the attribute
     * @return its value, or empty if it is not set
     */
    <T> Optional<T> get(ContextKey<T> key);

    /**
     * Whether the flag is set to {@code Boolean.TRUE}.
     *
     * @param flag the attribute
     * @return false when it is unset or false
     */
    default boolean isSet(ContextKey<Boolean> flag) {
        return get(flag).orElse(false);
    }

    /**
     * The dialect the statement renders in.
     *
     * @return the executor configuration's dialect
     */
    SQLDialect dialect();

    /**
     * Whether the statement runs inside a transaction of the executor (begun or adopted through it).
     *
     * @return true inside such a transaction
     */
    boolean inTransaction();

    /**
     * The transaction the statement runs in.
     *
     * @return its handle, or empty outside a transaction of the executor
     */
    Optional<TransactionHandle> transaction();
}
