package dev.kysera.executor;

/**
 * A snapshot of an executor's plan cache (see {@link Executor.Builder#planCacheSize(int)}).
 *
 * @param enabled   whether statements are served from the cache (size above 0, and this jOOQ lets
 *                  the executor read the bind values of a render)
 * @param capacity  how many statement shapes it keeps
 * @param size      how many it keeps now
 * @param hits      executions that reused a cached plan
 * @param misses    executions of cacheable statements that were planned afresh
 * @param evictions shapes dropped to stay within the capacity
 * @param shapeRuns the hits among {@code hits} that ran a {@link StatementShape} over JDBC, without
 *                  jOOQ's rendering and execution
 */
public record PlanCacheStatistics(boolean enabled, int capacity, int size, long hits, long misses, long evictions, long shapeRuns) {

    /**
     * Statistics of a cache that ran no statement shape.
     *
     * @param enabled   whether statements are served from the cache
     * @param capacity  how many statement shapes it keeps
     * @param size      how many it keeps now
     * @param hits      executions that reused a cached plan
     * @param misses    executions of cacheable statements that were planned afresh
     * @param evictions shapes dropped to stay within the capacity
     */
    public PlanCacheStatistics(boolean enabled, int capacity, int size, long hits, long misses, long evictions) {
        this(enabled, capacity, size, hits, misses, evictions, 0);
    }
}
