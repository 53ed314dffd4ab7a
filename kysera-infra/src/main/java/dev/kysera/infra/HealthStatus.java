package dev.kysera.infra;

/** The verdict of a {@link HealthCheck}, from best to worst. */
public enum HealthStatus {
    /** The database answered in time and the pool has room. */
    HEALTHY,
    /** It works, but slowly, or the pool is (nearly) exhausted. */
    DEGRADED,
    /** It did not answer within the timeout, refused the connection, or failed the probe. */
    UNHEALTHY
}
