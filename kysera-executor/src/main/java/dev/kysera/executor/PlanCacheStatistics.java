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
 */
public record PlanCacheStatistics(boolean enabled, int capacity, int size, long hits, long misses, long evictions) {
}
