package dev.kysera.infra;

/**
 * A connection pool's state at one moment, read without taking a connection.
 *
 * @param active  connections in use
 * @param idle    connections open and free
 * @param waiting threads waiting for a connection
 * @param total   connections open ({@code active + idle})
 * @param max     the most connections the pool opens
 */
public record PoolState(int active, int idle, int waiting, int total, int max) {

    /**
     * {@code active / max}, between 0 and 1.
     *
     * @return {@code active / max}, between 0 and 1
     */
    public double utilization() {
        return max == 0 ? 0 : (double) active / max;
    }
}
