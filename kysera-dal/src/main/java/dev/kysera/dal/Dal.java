package dev.kysera.dal;

import dev.kysera.dal.internal.Branches;
import dev.kysera.executor.Executor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Transactions and composition for {@link DbQuery} functions.
 *
 * <h2>Transactions</h2>
 * {@link #withTransaction(DbContext, TransactionOptions, Function)} runs a block in a transaction
 * through the context's executor: the block's context keeps the plugins (including bypasses: a
 * plugin disabled outside stays disabled inside), attributes and schema. Inside a transaction the
 * same call opens a savepoint. A block that throws is rolled back (to its savepoint, if nested) and
 * the exception propagates as the same instance; if the rollback itself fails, that failure is
 * attached to it as suppressed (jOOQ's transaction handling does this).
 *
 * <h2>Composition</h2>
 * {@link #sequence} runs queries in order, each taking the previous result; {@link #map} maps a
 * result; {@link #parallel} runs independent queries with the same parameters:
 * <ul>
 *   <li>outside a transaction, on a data-source-backed executor, each on its own virtual thread,
 *   so each statement takes its own pooled connection;</li>
 *   <li>inside a transaction (one connection that must not be shared between threads), or on an
 *   executor over a single JDBC connection, one after another on the calling thread, in the order
 *   given. Results are the same either way; only timing differs.</li>
 * </ul>
 * Transactions managed outside Kysera (e.g. by Spring, bound to a thread) are not visible to
 * {@link DbContext#inTransaction()}: run {@code parallel} inside {@link #withTransaction} instead,
 * or use {@link #sequence} there.
 */
public final class Dal {

    private Dal() {
    }

    // ---- transactions --------------------------------------------------------------------------

    /**
     * Runs {@code work} in a transaction (or a savepoint, if {@code ctx} is in one) with default options.
     *
     * @param ctx the context to begin the transaction on, not null
     * @param work the block, given the transaction's context; it must use that context, not {@code ctx}
     * @param <T> the result type
     * @return what {@code work} returned
     * @throws NullPointerException if an argument is null
     * @throws RuntimeException what {@code work} threw, unchanged, with any rollback failure
     *                          suppressed; or the database's failure to begin or commit
     * @see #withTransaction(DbContext, TransactionOptions, Function)
     */
    public static <T> T withTransaction(DbContext ctx, Function<? super DbContext, ? extends T> work) {
        return withTransaction(ctx, TransactionOptions.defaults(), work);
    }

    /**
     * Runs {@code work} in a transaction and commits; or rolls back and rethrows if it throws.
     * If {@code ctx} is already in a transaction, a savepoint is opened instead: a failure rolls
     * back to it and propagates, and the outer transaction may catch it and still commit.
     *
     * @param ctx the context to begin the transaction on, not null
     * @param options isolation level and read-only, for an outermost transaction; not null
     * @param work the block, given the transaction's context; it must use that context, not {@code ctx}
     * @param <T> the result type
     * @return what {@code work} returned
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if {@code options} are not the defaults and {@code ctx} is
     *                               already in a transaction (a savepoint cannot change them)
     * @throws RuntimeException      what {@code work} threw, unchanged, with any rollback failure
     *                               suppressed; or the database's failure to begin or commit
     */
    public static <T> T withTransaction(DbContext ctx, TransactionOptions options, Function<? super DbContext, ? extends T> work) {
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(work, "work");
        return ctx.executor().transactionResult(tx -> work.apply(ctx.onExecutor(tx)), options.properties());
    }

    /**
     * Runs {@code query} in a transaction (or savepoint) with default options and returns its result.
     *
     * @param ctx the context to begin the transaction on, not null
     * @param query the query to run, not null
     * @param params the query's parameters
     * @param <P> the parameter type
     * @param <R> the result type
     * @return the query's result
     * @throws RuntimeException what the query threw, after the rollback; or the database's failure
     *                          to begin or commit
     */
    public static <P, R> R runInTransaction(DbContext ctx, DbQuery<P, R> query, P params) {
        return withTransaction(ctx, tx -> query.run(tx, params));
    }

    // ---- composition ---------------------------------------------------------------------------

    /**
     * {@code first}, then {@code second} with the first result as parameters, on the same context.
     *
     * @param first the query run first, not null
     * @param second the query run with the first result, not null
     * @param <P> the parameter type
     * @param <A> the first result type
     * @param <B> the second (and final) result type
     * @return the composed query; it requires a transaction if either does
     * @throws NullPointerException if an argument is null
     */
    public static <P, A, B> DbQuery<P, B> sequence(DbQuery<P, A> first, DbQuery<? super A, B> second) {
        return first.then(second);
    }

    /**
     * Three queries in order, each taking the previous result as parameters.
     *
     * @param first the query run first, not null
     * @param second the query run with the first result, not null
     * @param third the query run with the second result, not null
     * @param <P> the parameter type
     * @param <A> the first result type
     * @param <B> the second result type
     * @param <C> the third (and final) result type
     * @return the composed query; it requires a transaction if any of them does
     * @throws NullPointerException if an argument is null
     */
    public static <P, A, B, C> DbQuery<P, C> sequence(DbQuery<P, A> first, DbQuery<? super A, B> second, DbQuery<? super B, C> third) {
        return first.then(second).then(third);
    }

    /**
     * The queries one after another with the same parameters, on the same context (in a
     * transaction: on its connection); results in order. The first failure propagates and the
     * remaining queries do not run.
     *
     * @param queries the queries, copied, not null and without null elements
     * @param <P> the parameter type
     * @param <R> the common result type
     * @return the composed query; it requires a transaction if any of them does
     * @throws NullPointerException if the list or an element is null
     */
    public static <P, R> DbQuery<P, List<R>> sequence(List<? extends DbQuery<? super P, ? extends R>> queries) {
        List<DbQuery<? super P, ? extends R>> copy = List.copyOf(queries);
        return DbQuery.create((ctx, params) -> {
            List<R> results = new ArrayList<>(copy.size());
            for (DbQuery<? super P, ? extends R> query : copy) {
                results.add(query.run(ctx, params));
            }
            return results;
        }, anyRequiresTransaction(copy));
    }

    /**
     * {@code query} with its result mapped; same as {@link DbQuery#map}.
     *
     * @param query the query, not null
     * @param mapper converts its result, not null
     * @param <P> the parameter type
     * @param <R> the query's result type
     * @param <S> the mapped result type
     * @return the mapped query
     * @throws NullPointerException if an argument is null
     */
    public static <P, R, S> DbQuery<P, S> map(DbQuery<P, R> query, Function<? super R, ? extends S> mapper) {
        return query.map(mapper);
    }

    /**
     * {@code query} with each element of its list result mapped, in order.
     *
     * @param query the query returning a list, not null
     * @param mapper converts each element, not null
     * @param <P> the parameter type
     * @param <R> the element type
     * @param <S> the mapped element type
     * @return the mapped query
     * @throws NullPointerException if an argument is null
     */
    public static <P, R, S> DbQuery<P, List<S>> mapEach(DbQuery<P, ? extends List<R>> query, Function<? super R, ? extends S> mapper) {
        Objects.requireNonNull(mapper, "mapper");
        return query.map(list -> {
            List<S> mapped = new ArrayList<>(list.size());
            for (R item : list) {
                mapped.add(mapper.apply(item));
            }
            return mapped;
        });
    }

    /**
     * {@code then} if {@code condition} holds for the context and parameters, else {@code otherwise}.
     * Requires a transaction if either branch does.
     *
     * @param condition decides the branch when the query runs, not null
     * @param then the query run when the condition holds, not null
     * @param otherwise the query run when it does not, not null
     * @param <P> the parameter type
     * @param <R> the result type
     * @return the conditional query
     * @throws NullPointerException if an argument is null
     */
    public static <P, R> DbQuery<P, R> when(BiPredicate<? super DbContext, ? super P> condition, DbQuery<P, R> then, DbQuery<P, R> otherwise) {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(then, "then");
        Objects.requireNonNull(otherwise, "otherwise");
        return DbQuery.create((ctx, params) -> condition.test(ctx, params) ? then.run(ctx, params) : otherwise.run(ctx, params),
                then.transactionRequired() || otherwise.transactionRequired());
    }

    /**
     * Two independent queries with the same parameters, concurrently on separate connections when
     * {@linkplain #runsConcurrently(DbContext) possible}, else in order (see the class docs).
     *
     * @param first the first query, not null
     * @param second the second query, not null
     * @param <P> the parameter type
     * @param <A> the first result type
     * @param <B> the second result type
     * @return the composed query; it requires a transaction if either does
     * @throws NullPointerException if an argument is null
     * @throws RuntimeException (when the composed query runs) the first failure, unchanged, with
     *                          failures of other branches that had already happened suppressed; the
     *                          other branches are cancelled
     */
    public static <P, A, B> DbQuery<P, Both<A, B>> parallel(DbQuery<? super P, A> first, DbQuery<? super P, B> second) {
        List<DbQuery<? super P, ?>> queries = List.of(first, second);
        return DbQuery.create((ctx, params) -> {
            List<Object> results = runBranches(ctx, queries, params);
            return new Both<>(cast(results.get(0)), cast(results.get(1)));
        }, anyRequiresTransaction(queries));
    }

    /**
     * Three independent queries, like {@link #parallel(DbQuery, DbQuery)}.
     *
     * @param first the first query, not null
     * @param second the second query, not null
     * @param third the third query, not null
     * @param <P> the parameter type
     * @param <A> the first result type
     * @param <B> the second result type
     * @param <C> the third result type
     * @return the composed query; it requires a transaction if any of them does
     * @throws NullPointerException if an argument is null
     */
    public static <P, A, B, C> DbQuery<P, Three<A, B, C>> parallel(DbQuery<? super P, A> first, DbQuery<? super P, B> second,
                                                                  DbQuery<? super P, C> third) {
        List<DbQuery<? super P, ?>> queries = List.of(first, second, third);
        return DbQuery.create((ctx, params) -> {
            List<Object> results = runBranches(ctx, queries, params);
            return new Three<>(cast(results.get(0)), cast(results.get(1)), cast(results.get(2)));
        }, anyRequiresTransaction(queries));
    }

    /**
     * Any number of independent queries of one result type; results in the order given. Runs like
     * {@link #parallel(DbQuery, DbQuery)}.
     *
     * @param queries the queries, copied, not null and without null elements
     * @param <P> the parameter type
     * @param <R> the common result type
     * @return the composed query; it requires a transaction if any of them does
     * @throws NullPointerException if the list or an element is null
     */
    public static <P, R> DbQuery<P, List<R>> parallel(List<? extends DbQuery<? super P, ? extends R>> queries) {
        List<DbQuery<? super P, ?>> copy = List.copyOf(queries);
        return DbQuery.create((ctx, params) -> {
            List<R> results = new ArrayList<>(copy.size());
            for (Object result : runBranches(ctx, copy, params)) {
                results.add(cast(result));
            }
            return results;
        }, anyRequiresTransaction(copy));
    }

    /**
     * Whether {@link #parallel} runs branches concurrently on this context: only outside a
     * transaction and when the executor takes connections from a {@code DataSource} per
     * statement ({@link Executor#connectsPerStatement()}).
     *
     * @param ctx the context, not null
     * @return true if branches would run on separate virtual threads and connections
     */
    public static boolean runsConcurrently(DbContext ctx) {
        return !ctx.inTransaction() && ctx.executor().connectsPerStatement();
    }

    private static <P> List<Object> runBranches(DbContext ctx, List<DbQuery<? super P, ?>> queries, P params) {
        List<Supplier<?>> branches = new ArrayList<>(queries.size());
        for (DbQuery<? super P, ?> query : queries) {
            branches.add(() -> query.run(ctx, params));
        }
        return runsConcurrently(ctx) ? Branches.concurrent(branches) : Branches.sequential(branches);
    }

    private static boolean anyRequiresTransaction(List<? extends DbQuery<?, ?>> queries) {
        return queries.stream().anyMatch(DbQuery::transactionRequired);
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
