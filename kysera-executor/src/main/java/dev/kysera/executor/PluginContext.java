package dev.kysera.executor;

import java.util.Optional;
import org.jooq.SQLDialect;

/**
 * What a plugin may know while a statement renders: the context attributes of the executor the
 * statement runs through (read now, never captured earlier) and the dialect.
 */
public interface PluginContext {

    /** The attribute set with {@link Executor#with(ContextKey, Object)}, if any. */
    <T> Optional<T> get(ContextKey<T> key);

    /** Whether the attribute is set to {@code Boolean.TRUE}. */
    default boolean isSet(ContextKey<Boolean> flag) {
        return get(flag).orElse(false);
    }

    /** The dialect the statement renders in. */
    SQLDialect dialect();

    /** Whether the statement runs inside a transaction started through the executor. */
    boolean inTransaction();

    /** The transaction the statement runs in, if one was started through the executor. */
    Optional<TransactionHandle> transaction();
}
