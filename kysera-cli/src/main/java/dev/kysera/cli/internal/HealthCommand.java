package dev.kysera.cli.internal;

import dev.kysera.cli.ExitCode;
import dev.kysera.infra.HealthCheck;
import dev.kysera.infra.HealthOptions;
import dev.kysera.infra.HealthReport;
import dev.kysera.infra.HealthStatus;
import dev.kysera.infra.PoolState;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kysera health}: one kysera-infra health check of the configured database. */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Check the database: a probe query within the timeout, its latency and the pool. Exit 0 healthy, 6 degraded, 1 unhealthy.")
final class HealthCommand implements Callable<Integer> {

    private final Context context;

    @Mixin
    Common common;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2s", description = "How long the probe may take (default ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--degraded-latency", paramLabel = "DURATION", defaultValue = "100ms",
            description = "A round trip at least this long is degraded (default ${DEFAULT-VALUE}).")
    String degradedLatency;

    @Option(names = "--unhealthy-latency", paramLabel = "DURATION", defaultValue = "1s",
            description = "A round trip at least this long is unhealthy (default ${DEFAULT-VALUE}; at most --timeout).")
    String unhealthyLatency;

    HealthCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Config config = common.config(context);
        Duration probeTimeout = parse("--timeout", timeout);
        Duration degraded = parse("--degraded-latency", degradedLatency);
        Duration unhealthy = parse("--unhealthy-latency", unhealthyLatency);
        try (Database db = Database.open(config, false)) {
            HealthOptions options;
            try {
                options = HealthOptions.defaults().toBuilder().timeout(probeTimeout).degradedLatency(degraded).unhealthyLatency(unhealthy).build();
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            warmUp(db);
            HealthReport report = HealthCheck.of(db.dataSource(), options).check();
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("status", report.status().name());
            json.put("database", db.displayUrl());
            json.put("latencyMs", report.latency().map(Duration::toMillis).orElse(null));
            json.put("problems", report.problems());
            json.put("error", report.error().map(Throwable::getMessage).orElse(null));
            json.put("pool", report.pool().map(HealthCommand::pool).orElse(null));
            json.put("checkedAt", report.checkedAt().toString());
            StringBuilder text = new StringBuilder(report.status().name()).append(' ').append(db.displayUrl());
            report.latency().ifPresent(latency -> text.append(" (").append(latency.toMillis()).append(" ms)"));
            report.problems().forEach(problem -> text.append("\n  ").append(problem));
            context.result(json, text.toString());
            return report.status() == HealthStatus.HEALTHY ? ExitCode.OK
                    : report.status() == HealthStatus.DEGRADED ? ExitCode.DEGRADED : ExitCode.FAILED;
        }
    }

    /** Opens the first connection before measuring, so the latency is a round trip, not the connection set-up. */
    private static void warmUp(Database db) {
        try (java.sql.Connection ignored = db.dataSource().getConnection()) {
            // nothing: the pool keeps the connection
        } catch (java.sql.SQLException | RuntimeException e) {
            // the check reports this failure itself, with its own timeout
        }
    }

    private static Map<String, Object> pool(PoolState pool) {
        return Introspection.ordered("active", pool.active(), "idle", pool.idle(), "waiting", pool.waiting(), "total", pool.total(), "max", pool.max());
    }

    private static Duration parse(String option, String value) {
        try {
            Duration duration = Durations.parse(value);
            if (duration.isZero()) {
                throw new UsageException(option + " must be positive, was " + value);
            }
            return duration;
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw new UsageException(option + " must be a duration such as 500ms or 2s, was '" + value + "'");
        }
    }
}
