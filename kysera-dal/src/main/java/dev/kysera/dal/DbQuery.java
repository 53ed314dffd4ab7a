package dev.kysera.dal;

import dev.kysera.executor.Executor;
import java.util.Objects;
import java.util.function.Function;

/**
 * A typed data-access function {@code (DbContext, P) -> R}, defined once and reused: the same
 * query runs outside a transaction, inside one and inside a savepoint, and the context decides
 * which connection, plugins, attributes and schema it sees. Immutable and thread-safe if its body
 * is (bodies should build their jOOQ statements on each run, from {@link DbContext#dsl()}).
 *
 * <pre>{@code
 * static final DbQuery<Long, Optional<String>> USER_NAME = DbQuery.of((ctx, id) ->
 *         ctx.dsl().select(USERS.NAME).from(USERS).where(USERS.ID.eq(id)).fetchOptional(USERS.NAME));
 *
 * Optional<String> name = USER_NAME.run(ctx, 42L);
 * DbQuery<Long, String> shout = USER_NAME.map(n -> n.orElse("?").toUpperCase());
 * }</pre>
 *
 * @param <P> the parameter type ({@link Void} for queries without parameters)
 * @param <R> the result type
 */
public final class DbQuery<P, R> {

    /**
     * The body of a query: what runs against the context with the parameters.
     *
     * @param <P> the parameter type
     * @param <R> the result type
     */
    @FunctionalInterface
    public interface Body<P, R> {
        /**
         * Runs against {@code ctx} with {@code params}; may throw any unchecked exception.
         *
         * @param ctx the context to run on, never null
         * @param params the parameters, as given to {@link DbQuery#run(DbContext, Object)}
         * @return the result
         */
        R apply(DbContext ctx, P params);
    }

    private final Body<P, R> body;
    private final boolean transactionRequired;
    private final String name;

    private DbQuery(Body<P, R> body, boolean transactionRequired, String name) {
        this.body = Objects.requireNonNull(body, "body");
        this.transactionRequired = transactionRequired;
        this.name = name;
    }

    /**
     * A query with parameters.
     *
     * @param body what the query runs, not null
     * @param <P> the parameter type
     * @param <R> the result type
     * @return the query, runnable on any context
     * @throws NullPointerException if {@code body} is null
     */
    public static <P, R> DbQuery<P, R> of(Body<P, R> body) {
        return new DbQuery<>(body, false, null);
    }

    /**
     * A query without parameters; run it with {@link #run(DbContext)}.
     *
     * @param body what the query runs, not null
     * @param <R> the result type
     * @return the query, runnable on any context
     * @throws NullPointerException if {@code body} is null
     */
    public static <R> DbQuery<Void, R> of(Function<DbContext, R> body) {
        Objects.requireNonNull(body, "body");
        return new DbQuery<>((ctx, ignored) -> body.apply(ctx), false, null);
    }

    /**
     * A query with parameters that must run inside a transaction (see {@link #requiresTransaction()}).
     *
     * @param body what the query runs, not null
     * @param <P> the parameter type
     * @param <R> the result type
     * @return the query
     * @throws NullPointerException if {@code body} is null
     */
    public static <P, R> DbQuery<P, R> transactional(Body<P, R> body) {
        return new DbQuery<>(body, true, null);
    }

    /**
     * A query without parameters that must run inside a transaction.
     *
     * @param body what the query runs, not null
     * @param <R> the result type
     * @return the query
     * @throws NullPointerException if {@code body} is null
     */
    public static <R> DbQuery<Void, R> transactional(Function<DbContext, R> body) {
        return of(body).requiresTransaction();
    }

    /**
     * Runs the query.
     *
     * @param ctx the context to run on, not null
     * @param params the parameters, passed to the body as given (may be null)
     * @return the body's result
     * @throws NullPointerException          if {@code ctx} is null
     * @throws TransactionRequiredException if the query requires a transaction and {@code ctx} is
     *                                      not in one; nothing is executed then
     * @throws RuntimeException             whatever the body throws, unchanged
     */
    public R run(DbContext ctx, P params) {
        Objects.requireNonNull(ctx, "ctx");
        if (transactionRequired && !ctx.inTransaction()) {
            throw new TransactionRequiredException("DbQuery " + (name == null ? "" : "'" + name + "' ")
                    + "requires a transaction; run it inside Dal.withTransaction(...)");
        }
        return body.apply(ctx, params);
    }

    /**
     * Runs a query without parameters ({@code params} is {@code null}); see {@link #run(DbContext, Object)}.
     *
     * @param ctx the context to run on, not null
     * @return the body's result
     * @throws TransactionRequiredException if the query requires a transaction and {@code ctx} is not in one
     */
    public R run(DbContext ctx) {
        return run(ctx, null);
    }

    /**
     * Runs the query on a fresh context over {@code executor}; see {@link #run(DbContext, Object)}.
     * A fresh context is never in a transaction, so a query that requires one always fails here.
     *
     * @param executor the executor to run on, not null
     * @param params the parameters, passed to the body as given (may be null)
     * @return the body's result
     * @throws TransactionRequiredException if the query requires a transaction
     */
    public R run(Executor executor, P params) {
        return run(DbContext.of(executor), params);
    }

    /**
     * This query, with its results passed through {@code mapper}. The transaction requirement is kept.
     *
     * @param mapper converts the result, not null
     * @param <S> the mapped result type
     * @return the mapped query
     * @throws NullPointerException if {@code mapper} is null
     */
    public <S> DbQuery<P, S> map(Function<? super R, ? extends S> mapper) {
        Objects.requireNonNull(mapper, "mapper");
        return new DbQuery<>((ctx, params) -> mapper.apply(body.apply(ctx, params)), transactionRequired, name);
    }

    /**
     * This query, then {@code next} with this query's result as its parameters, on the same
     * context. Requires a transaction if either does; that is checked before anything runs.
     *
     * @param next the query run with this query's result, not null
     * @param <S> the final result type
     * @return the composed query
     * @throws NullPointerException if {@code next} is null
     */
    public <S> DbQuery<P, S> then(DbQuery<? super R, S> next) {
        Objects.requireNonNull(next, "next");
        return new DbQuery<P, S>((ctx, params) -> next.run(ctx, body.apply(ctx, params)),
                transactionRequired || next.transactionRequired, name);
    }

    /**
     * This query, then a step that sees the context, the parameters and this query's result.
     * The transaction requirement is kept.
     *
     * @param next the step, not null
     * @param <S> the final result type
     * @return the composed query
     * @throws NullPointerException if {@code next} is null
     */
    public <S> DbQuery<P, S> then(Function3<? super P, ? super R, S> next) {
        Objects.requireNonNull(next, "next");
        return new DbQuery<>((ctx, params) -> next.apply(ctx, params, body.apply(ctx, params)), transactionRequired, name);
    }

    /**
     * A step of {@link #then(Function3)}: {@code (ctx, params, previousResult) -> result}.
     *
     * @param <P> the parameter type
     * @param <R> the previous result type
     * @param <S> the result type
     */
    @FunctionalInterface
    public interface Function3<P, R, S> {
        /**
         * Computes the next result from the context, the parameters and the previous result.
         *
         * @param ctx the context the query runs on, never null
         * @param params the query's parameters
         * @param previous the previous step's result
         * @return the result
         */
        S apply(DbContext ctx, P params, R previous);
    }

    /**
     * This query adapted to other parameters: {@code adapter} turns them into this query's.
     * The transaction requirement is kept.
     *
     * @param adapter converts the new parameters into this query's, not null
     * @param <Q> the new parameter type
     * @return the adapted query
     * @throws NullPointerException if {@code adapter} is null
     */
    public <Q> DbQuery<Q, R> withParams(Function<? super Q, ? extends P> adapter) {
        Objects.requireNonNull(adapter, "adapter");
        return new DbQuery<>((ctx, params) -> body.apply(ctx, adapter.apply(params)), transactionRequired, name);
    }

    /**
     * This query, bound to fixed parameters: a query without parameters.
     *
     * @param params the parameters every run uses (may be null)
     * @return the bound query, keeping the transaction requirement
     */
    public DbQuery<Void, R> bind(P params) {
        return new DbQuery<>((ctx, ignored) -> body.apply(ctx, params), transactionRequired, name);
    }

    /**
     * This query, refusing to run outside a transaction with a {@link TransactionRequiredException}
     * (for work that is only correct atomically, e.g. a read followed by a dependent write).
     *
     * @return the transactional query
     */
    public DbQuery<P, R> requiresTransaction() {
        return new DbQuery<>(body, true, name);
    }

    /**
     * This query with a name, used in error messages.
     *
     * @param queryName the name, not null
     * @return the named query
     * @throws NullPointerException if {@code queryName} is null
     */
    public DbQuery<P, R> named(String queryName) {
        return new DbQuery<>(body, transactionRequired, Objects.requireNonNull(queryName, "queryName"));
    }

    /**
     * Whether this query (or a query it is composed of) refuses to run outside a transaction.
     *
     * @return true if it requires a transaction
     */
    public boolean transactionRequired() {
        return transactionRequired;
    }

    /**
     * The name given with {@link #named}, or {@code null}.
     *
     * @return the name, or null
     */
    public String name() {
        return name;
    }

    /** Creates a query from a body and a flag; for the combinators in this package. */
    static <P, R> DbQuery<P, R> create(Body<P, R> body, boolean transactionRequired) {
        return new DbQuery<>(body, transactionRequired, null);
    }

    @Override
    public String toString() {
        return "DbQuery[" + (name == null ? "" : name + ", ") + (transactionRequired ? "transactional" : "any context") + "]";
    }
}
