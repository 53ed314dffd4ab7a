package dev.kysera.spring;

import dev.kysera.infra.HealthCheck;
import dev.kysera.infra.HealthReport;
import dev.kysera.infra.HealthStatus;
import org.jooq.SQLDialect;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Actuator's {@code kysera} health component, from kysera-infra's {@link HealthCheck}: a probe
 * bounded by {@code kysera.health.timeout} plus the pool's state. Healthy and degraded (slow, or
 * the pool nearly exhausted) are UP — degraded with {@code status: DEGRADED} and the problems in
 * the details, so a slow database does not restart healthy instances; unhealthy is DOWN.
 */
public final class KyseraHealthIndicator implements HealthIndicator {

    private final HealthCheck check;
    private final SQLDialect dialect;

    /**
     * A health indicator running {@code check} against a database of {@code dialect}.
     *
     * @param check   kysera-infra's health check
     * @param dialect the database's dialect, named in the details
     */
    public KyseraHealthIndicator(HealthCheck check, SQLDialect dialect) {
        this.check = check;
        this.dialect = dialect;
    }

    @Override
    public Health health() {
        HealthReport report = check.check();
        Health.Builder health = report.status() == HealthStatus.UNHEALTHY ? Health.down() : Health.up();
        health.withDetail("database", dialect.getName()).withDetail("status", report.status().name());
        report.latency().ifPresent(latency -> health.withDetail("latencyMillis", latency.toMillis()));
        report.pool().ifPresent(pool -> health.withDetail("pool", pool));
        if (!report.problems().isEmpty()) {
            health.withDetail("problems", report.problems());
        }
        report.error().ifPresent(error -> health.withDetail("error", error.getClass().getName()));
        return health.build();
    }
}
