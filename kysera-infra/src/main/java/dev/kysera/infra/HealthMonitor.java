package dev.kysera.infra;

import dev.kysera.infra.internal.Check;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs a {@link HealthCheck} periodically on one virtual thread: one check at start, then one
 * {@code interval} after the previous one <em>finished</em>, so checks never overlap and a slow
 * database stretches the period instead of stacking checks. Each report goes to the listener and
 * is kept as {@link #latest()}; a listener that throws is logged and monitoring goes on.
 *
 * <pre>{@code
 * try (HealthMonitor monitor = HealthMonitor.start(health, Duration.ofSeconds(30), report -> log(report))) {
 *     ...
 * }
 * }</pre>
 */
public final class HealthMonitor implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(HealthMonitor.class.getName());

    private final HealthCheck check;
    private final Duration interval;
    private final Consumer<? super HealthReport> listener;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicReference<HealthReport> latest = new AtomicReference<>();
    private final Thread thread;

    private HealthMonitor(HealthCheck check, Duration interval, Consumer<? super HealthReport> listener) {
        this.check = Objects.requireNonNull(check, "check");
        this.interval = Check.positive("interval", interval);
        this.listener = Objects.requireNonNull(listener, "listener");
        this.thread = Thread.ofVirtual().name("kysera-health-monitor").unstarted(this::loop);
    }

    /**
     * Starts monitoring: the first check runs at once, on the monitor's thread.
     *
     * @param check    the check to run
     * @param interval the pause between the end of one check and the start of the next
     * @param listener receives every report, on the monitor's thread
     * @return the running monitor; stop it with {@link #stop()}
     */
    public static HealthMonitor start(HealthCheck check, Duration interval, Consumer<? super HealthReport> listener) {
        HealthMonitor monitor = new HealthMonitor(check, interval, listener);
        monitor.thread.start();
        return monitor;
    }

    private void loop() {
        try {
            do {
                HealthReport report = check.check();
                latest.set(report);
                try {
                    listener.accept(report);
                } catch (RuntimeException failure) {
                    LOG.log(System.Logger.Level.WARNING, "Health listener failed; monitoring goes on", failure);
                }
            } while (!stopped.await(interval.toNanos(), TimeUnit.NANOSECONDS));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The last report, if a check has finished.
     *
     * @return the last report, if a check has finished
     */
    public Optional<HealthReport> latest() {
        return Optional.ofNullable(latest.get());
    }

    /**
     * Whether the monitor's thread is still running.
     *
     * @return whether the monitor's thread is still running
     */
    public boolean isRunning() {
        return thread.isAlive();
    }

    /**
     * Stops monitoring and waits for a check in progress to end, at most the check's timeout plus
     * one second; then interrupts it. Calling it again does nothing.
     *
     * @return whether the monitor's thread has ended
     */
    public boolean stop() {
        stopped.countDown();
        try {
            if (!thread.join(check.options().timeout().plusSeconds(1))) {
                thread.interrupt();
                return thread.join(Duration.ofSeconds(1));
            }
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return !thread.isAlive();
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }
}
