package dev.kysera.infra;

import dev.kysera.infra.internal.Check;
import java.time.Duration;

/**
 * Thresholds of a {@link HealthCheck}. Immutable; build with {@link #builder()}, start from
 * {@link #defaults()}, change with {@link #toBuilder()}.
 *
 * @param timeout          how long the probe may take before the database counts as unreachable
 * @param degradedLatency  a round trip at least this long is {@link HealthStatus#DEGRADED}
 * @param unhealthyLatency a round trip at least this long is {@link HealthStatus#UNHEALTHY}; at most
 *                         {@code timeout}
 * @param poolSaturation   pool utilization ({@code active / max}) at or above which the status is
 *                         degraded, in (0, 1]; threads waiting for a connection are degraded too
 * @param validationQuery  the probe's statement; {@code SELECT 1} works on SQLite, H2, PostgreSQL,
 *                         MySQL/MariaDB and SQL Server
 * @param replication      whether to read replication lag (PostgreSQL and MySQL/MariaDB replicas); a node
 *                         that is no replica reports none. Turn it off for a MySQL/MariaDB user without
 *                         the privilege to read replica status, which would otherwise be a problem
 * @param degradedReplicationLag  a replica at least this far behind its primary is degraded
 * @param unhealthyReplicationLag a replica at least this far behind its primary is unhealthy
 */
public record HealthOptions(Duration timeout, Duration degradedLatency, Duration unhealthyLatency, double poolSaturation,
                            String validationQuery, boolean replication, Duration degradedReplicationLag,
                            Duration unhealthyReplicationLag) {

    /** Validates every value. */
    public HealthOptions {
        Check.positive("timeout", timeout);
        Check.positive("degradedLatency", degradedLatency);
        Check.positive("unhealthyLatency", unhealthyLatency);
        Check.ordered("degradedLatency", degradedLatency, "unhealthyLatency", unhealthyLatency);
        Check.ordered("unhealthyLatency", unhealthyLatency, "timeout", timeout);
        if (!(poolSaturation > 0 && poolSaturation <= 1)) {
            throw new IllegalArgumentException("poolSaturation must be in (0, 1], was " + poolSaturation);
        }
        Check.notBlank("validationQuery", validationQuery);
        Check.positive("degradedReplicationLag", degradedReplicationLag);
        Check.positive("unhealthyReplicationLag", unhealthyReplicationLag);
        Check.ordered("degradedReplicationLag", degradedReplicationLag, "unhealthyReplicationLag", unhealthyReplicationLag);
    }

    /**
     * Timeout 2 s; degraded from 100 ms, unhealthy from 1 s; pool degraded from 90 % use; {@code SELECT 1};
     * replication lag read, degraded from 10 s, unhealthy from 60 s.
     *
     * @return the default options
     */
    public static HealthOptions defaults() {
        return builder().build();
    }

    /**
     * A builder holding the defaults.
     *
     * @return a builder holding the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding these options.
     *
     * @return this builder
     */
    public Builder toBuilder() {
        return new Builder().timeout(timeout).degradedLatency(degradedLatency).unhealthyLatency(unhealthyLatency)
                .poolSaturation(poolSaturation).validationQuery(validationQuery).replication(replication)
                .degradedReplicationLag(degradedReplicationLag).unhealthyReplicationLag(unhealthyReplicationLag);
    }

    /** Builds {@link HealthOptions}; {@link #build()} names the first bad value. */
    public static final class Builder {
        private Duration timeout = Duration.ofSeconds(2);
        private Duration degradedLatency = Duration.ofMillis(100);
        private Duration unhealthyLatency = Duration.ofSeconds(1);
        private double poolSaturation = 0.9;
        private String validationQuery = "SELECT 1";
        private boolean replication = true;
        private Duration degradedReplicationLag = Duration.ofSeconds(10);
        private Duration unhealthyReplicationLag = Duration.ofSeconds(60);

        private Builder() {
        }

        /**
         * See {@link HealthOptions#timeout()}.
         *
         * @param timeout see {@link HealthOptions#timeout()}
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /**
         * See {@link HealthOptions#degradedLatency()}.
         *
         * @param degradedLatency see {@link HealthOptions#degradedLatency()}
         * @return this builder
         */
        public Builder degradedLatency(Duration degradedLatency) {
            this.degradedLatency = degradedLatency;
            return this;
        }

        /**
         * See {@link HealthOptions#unhealthyLatency()}.
         *
         * @param unhealthyLatency see {@link HealthOptions#unhealthyLatency()}
         * @return this builder
         */
        public Builder unhealthyLatency(Duration unhealthyLatency) {
            this.unhealthyLatency = unhealthyLatency;
            return this;
        }

        /**
         * See {@link HealthOptions#poolSaturation()}.
         *
         * @param poolSaturation see {@link HealthOptions#poolSaturation()}
         * @return this builder
         */
        public Builder poolSaturation(double poolSaturation) {
            this.poolSaturation = poolSaturation;
            return this;
        }

        /**
         * See {@link HealthOptions#validationQuery()}.
         *
         * @param validationQuery see {@link HealthOptions#validationQuery()}
         * @return this builder
         */
        public Builder validationQuery(String validationQuery) {
            this.validationQuery = validationQuery;
            return this;
        }

        /**
         * See {@link HealthOptions#replication()}.
         *
         * @param replication see {@link HealthOptions#replication()}
         * @return this builder
         */
        public Builder replication(boolean replication) {
            this.replication = replication;
            return this;
        }

        /**
         * See {@link HealthOptions#degradedReplicationLag()}.
         *
         * @param degradedReplicationLag see {@link HealthOptions#degradedReplicationLag()}
         * @return this builder
         */
        public Builder degradedReplicationLag(Duration degradedReplicationLag) {
            this.degradedReplicationLag = degradedReplicationLag;
            return this;
        }

        /**
         * See {@link HealthOptions#unhealthyReplicationLag()}.
         *
         * @param unhealthyReplicationLag see {@link HealthOptions#unhealthyReplicationLag()}
         * @return this builder
         */
        public Builder unhealthyReplicationLag(Duration unhealthyReplicationLag) {
            this.unhealthyReplicationLag = unhealthyReplicationLag;
            return this;
        }

        /**
         * The options.
         *
         * @return the options
         * @throws IllegalArgumentException naming the option and its value, if one is out of range
         */
        public HealthOptions build() {
            return new HealthOptions(timeout, degradedLatency, unhealthyLatency, poolSaturation, validationQuery, replication,
                    degradedReplicationLag, unhealthyReplicationLag);
        }
    }
}
