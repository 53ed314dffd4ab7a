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

    /** The body of a query: what runs against the context with the parameters. */
    @FunctionalInterface
    public interface Body<P, R> {
        /** Runs against {@code ctx} with {@code params}; may throw any unchecked exception. */
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

    /** A query with parameters. */
    public static <P, R> DbQuery<P, R> of(Body<P, R> body) {
        return new DbQuery<>(body, false, null);
    }

    /** A query without parameters; run it with {@link #run(DbContext)}. */
    public static <R> DbQuery<Void, R> of(Function<DbContext, R> body) {
        Objects.requireNonNull(body, "body");
        return new DbQuery<>((ctx, ignored) -> body.apply(ctx), false, null);
    }

    /** A query with parameters that must run inside a transaction (see {@link #requiresTransaction()}). */
    public static <P, R> DbQuery<P, R> transactional(Body<P, R> body) {
        return new DbQuery<>(body, true, null);
    }

    /** A query without parameters that must run inside a transaction. */
    public static <R> DbQuery<Void, R> transactional(Function<DbContext, R> body) {
        return of(body).requiresTransaction();
    }

    /**
     * Runs the query.
     *
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

    /** Runs a query without parameters ({@code params} is {@code null}); see {@link #run(DbContext, Object)}. */
    public R run(DbContext ctx) {
        return run(ctx, null);
    }

    /** Runs the query on a fresh context over {@code executor}; see {@link #run(DbContext, Object)}. */
    public R run(Executor executor, P params) {
        return run(DbContext.of(executor), params);
    }

    /** This query, with its results passed through {@code mapper}. The transaction requirement is kept. */
    public <S> DbQuery<P, S> map(Function<? super R, ? extends S> mapper) {
        Objects.requireNonNull(mapper, "mapper");
        return new DbQuery<>((ctx, params) -> mapper.apply(body.apply(ctx, params)), transactionRequired, name);
    }

    /**
     * This query, then {@code next} with this query's result as its parameters, on the same
     * context. Requires a transaction if either does; that is checked before anything runs.
     */
    public <S> DbQuery<P, S> then(DbQuery<? super R, S> next) {
        Objects.requireNonNull(next, "next");
        return new DbQuery<P, S>((ctx, params) -> next.run(ctx, body.apply(ctx, params)),
                transactionRequired || next.transactionRequired, name);
    }

    /** This query, then a step that sees the context, the parameters and this query's result. */
    public <S> DbQuery<P, S> then(Function3<? super P, ? super R, S> next) {
        Objects.requireNonNull(next, "next");
        return new DbQuery<>((ctx, params) -> next.apply(ctx, params, body.apply(ctx, params)), transactionRequired, name);
    }

    /** A step of {@link #then(Function3)}: {@code (ctx, params, previousResult) -> result}. */
    @FunctionalInterface
    public interface Function3<P, R, S> {
        /** Computes the next result from the context, the parameters and the previous result. */
        S apply(DbContext ctx, P params, R previous);
    }

    /**
     * This query adapted to other parameters: {@code adapter} turns them into this query's.
     * The transaction requirement is kept.
     */
    public <Q> DbQuery<Q, R> withParams(Function<? super Q, ? extends P> adapter) {
        Objects.requireNonNull(adapter, "adapter");
        return new DbQuery<>((ctx, params) -> body.apply(ctx, adapter.apply(params)), transactionRequired, name);
    }

    /** This query, bound to fixed parameters: a query without parameters. */
    public DbQuery<Void, R> bind(P params) {
        return new DbQuery<>((ctx, ignored) -> body.apply(ctx, params), transactionRequired, name);
    }

    /**
     * This query, refusing to run outside a transaction with a {@link TransactionRequiredException}
     * (for work that is only correct atomically, e.g. a read followed by a dependent write).
     */
    public DbQuery<P, R> requiresTransaction() {
        return new DbQuery<>(body, true, name);
    }

    /** This query with a name, used in error messages. */
    public DbQuery<P, R> named(String queryName) {
        return new DbQuery<>(body, transactionRequired, Objects.requireNonNull(queryName, "queryName"));
    }

    /** Whether this query (or a query it is composed of) refuses to run outside a transaction. */
    public boolean transactionRequired() {
        return transactionRequired;
    }

    /** The name given with {@link #named}, or {@code null}. */
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
