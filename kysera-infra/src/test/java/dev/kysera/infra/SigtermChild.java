package dev.kysera.infra;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.kysera.executor.Executor;
import java.time.Duration;
import org.jooq.SQLDialect;

/**
 * The child JVM of {@link ShutdownHookTest}: installs the graceful-shutdown hook, starts a
 * transaction that writes row 1, says {@code IN_FLIGHT}, holds for a while, writes row 2 and
 * commits; once shutdown has begun it tries one more transaction, which must be refused. Every
 * outcome is a line on stdout for the parent to check. Arguments: JDBC URL, dialect, hold millis,
 * hook timeout millis.
 */
public final class SigtermChild {

    private SigtermChild() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        SQLDialect dialect = SQLDialect.valueOf(args[1]);
        long holdMillis = Long.parseLong(args[2]);
        Duration timeout = Duration.ofMillis(Long.parseLong(args[3]));

        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(3);
        HikariDataSource pool = new HikariDataSource(config);
        GracefulShutdown shutdown = GracefulShutdown.create();
        Executor executor = Executor.builder().dataSource(pool, dialect).decorateTransactions(shutdown.decorator()).build();
        shutdown.installShutdownHook(timeout, report -> say("REPORT drained=" + report.drained() + " abandoned=" + report.abandoned()
                + " refused=" + report.refused()), executor, pool);

        Thread refuser = Thread.ofPlatform().daemon().start(() -> {
            while (!shutdown.isShuttingDown()) {
                Thread.onSpinWait();
            }
            try {
                executor.transaction(tx -> tx.dsl().execute("INSERT INTO sigterm_log (id, note) VALUES (3, 'late')"));
                say("ACCEPTED");
            } catch (RuntimeException refused) {
                say("REFUSED " + refused.getClass().getSimpleName());
            }
        });
        Thread work = Thread.ofPlatform().start(() -> {
            try {
                executor.transaction(tx -> {
                    tx.dsl().execute("INSERT INTO sigterm_log (id, note) VALUES (1, 'first')");
                    say("IN_FLIGHT");
                    sleep(holdMillis);
                    tx.dsl().execute("INSERT INTO sigterm_log (id, note) VALUES (2, 'second')");
                });
                say("COMMITTED");
            } catch (RuntimeException failed) {
                say("FAILED " + failed.getClass().getSimpleName());
            }
        });
        work.join();
        refuser.join(Duration.ofSeconds(30));
        say("MAIN_DONE"); // other threads run on while the hook drains: main may get here before the JVM halts
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
