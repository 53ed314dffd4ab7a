package dev.kysera.infra;

import dev.kysera.executor.Executor;
import dev.kysera.executor.TransactionRequest;
import dev.kysera.executor.TransactionRunner;
import dev.kysera.infra.internal.Check;
import dev.kysera.infra.internal.OutermostRunner;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Graceful shutdown of an executor and its pool: stop accepting new transactions, let the ones in
 * flight finish up to a deadline, then close the executor and the pool, in that order.
 *
 * <pre>{@code
 * GracefulShutdown shutdown = GracefulShutdown.create();
 * Executor executor = Executor.builder().dataSource(pool, dialect).decorateTransactions(shutdown.decorator()).build();
 * ...
 * ShutdownReport report = shutdown.shutdown(Duration.ofSeconds(30), executor, pool);
 * }</pre>
 *
 * <p>Register {@link #decorator()} first, so it is the outermost decorator and a transaction being
 * retried counts as one in flight. Once {@link #shutdown} has begun, new outermost transactions are
 * refused with {@link ShutdownInProgressException}; nested ones of transactions in flight still
 * run. Work still running at the deadline is not waited for: closing a HikariCP pool aborts its
 * connections, so such transactions roll back — nothing half-committed. Statements run outside a
 * transaction are not counted (they do not pass the transaction runner); after the executor is
 * closed they are refused with {@code ExecutorClosedException}.
 */
public final class GracefulShutdown {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private final LongAdder refused = new LongAdder();
    private int inFlight;
    private boolean shuttingDown;

    private GracefulShutdown() {
    }

    /**
     * A gate that accepts transactions until {@link #shutdown} is called.
     *
     * @return a gate that accepts transactions until {@link #shutdown} is called
     */
    public static GracefulShutdown create() {
        return new GracefulShutdown();
    }

    /**
     * The decorator to pass (first) to {@link Executor.Builder#decorateTransactions}.
     *
     * @return the decorator
     */
    public UnaryOperator<TransactionRunner> decorator() {
        return delegate -> new OutermostRunner(delegate) {
            @Override
            protected <T> T runOutermost(TransactionRequest request, Function<Executor, T> block) {
                enter();
                try {
                    return delegate.run(request, block);
                } finally {
                    leave();
                }
            }
        };
    }

    /**
     * Whether {@link #shutdown} has begun.
     *
     * @return whether {@link #shutdown} has begun
     */
    public boolean isShuttingDown() {
        return locked(() -> shuttingDown);
    }

    /**
     * Outermost transactions running now.
     *
     * @return outermost transactions running now
     */
    public int inFlight() {
        return locked(() -> inFlight);
    }

    private <T> T locked(Supplier<T> read) {
        lock.lock();
        try {
            return read.get();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Refuses new transactions from now on, waits up to {@code timeout} for those in flight, then
     * closes {@code resources} in the order given (the executor, then the pool), each even if an
     * earlier one failed. Calling it again waits and closes again (closing is idempotent for
     * executors and HikariCP pools).
     *
     * @param timeout   how long to wait for the transactions in flight
     * @param resources closed in this order after the wait (typically the executor, then the pool)
     * @return whether everything drained, how many transactions were abandoned and how many refused
     * @throws IllegalStateException with the first close failure as cause (the others suppressed)
     */
    public ShutdownReport shutdown(Duration timeout, AutoCloseable... resources) {
        Check.notNegative("timeout", timeout);
        long start = System.nanoTime();
        int abandoned = drain(timeout);
        closeAll(resources);
        return new ShutdownReport(abandoned == 0, abandoned, refused.sum(), Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Installs a JVM shutdown hook that runs {@link #shutdown(Duration, AutoCloseable...)} when the
     * JVM is asked to stop — SIGTERM (what {@code docker stop} and Kubernetes send), SIGINT, or
     * {@code System.exit} — and hands the report to {@code onDone} (on the hook's thread, before the
     * JVM halts). While the hook drains, the transactions in flight keep running on their threads
     * (the JVM stops no thread before its hooks are done); new ones are refused with
     * {@link ShutdownInProgressException}. Choose {@code timeout} below the time the platform waits
     * before SIGKILL (Kubernetes: {@code terminationGracePeriodSeconds}, 30 s by default): SIGKILL
     * runs no hook, and what was in flight then rolls back in the database.
     *
     * <pre>{@code
     * shutdown.installShutdownHook(Duration.ofSeconds(20), report -> System.err.println(report), executor, pool);
     * }</pre>
     *
     * <p>A failure of {@code onDone} or of closing a resource is printed to {@code System.err}:
     * during JVM shutdown a logging framework may already be gone.
     *
     * @param timeout   how long to wait for transactions in flight, at least zero
     * @param onDone    receives the report, e.g. to log it
     * @param resources closed in this order once drained (the executor, then the pool)
     * @return the installed hook, which {@link ShutdownHook#uninstall()} removes
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws IllegalStateException    if the JVM is already shutting down
     */
    public ShutdownHook installShutdownHook(Duration timeout, Consumer<? super ShutdownReport> onDone, AutoCloseable... resources) {
        Check.notNegative("timeout", timeout);
        Objects.requireNonNull(onDone, "onDone");
        AutoCloseable[] closing = resources.clone();
        for (AutoCloseable resource : closing) {
            Objects.requireNonNull(resource, "resources must not contain null");
        }
        // A platform thread: the JVM waits for hook threads, and a virtual one would depend on the
        // carrier pool during shutdown.
        Thread thread = new Thread(() -> {
            try {
                onDone.accept(shutdown(timeout, closing));
            } catch (RuntimeException | Error failed) {
                System.err.println("Kysera graceful shutdown failed: " + failed);
                failed.printStackTrace();
            }
        }, "kysera-graceful-shutdown");
        Runtime.getRuntime().addShutdownHook(thread);
        return new ShutdownHook(thread);
    }

    private int drain(Duration timeout) {
        lock.lock();
        try {
            shuttingDown = true;
            long remaining = timeout.toNanos();
            while (inFlight > 0 && remaining > 0) {
                remaining = idle.awaitNanos(remaining);
            }
            return inFlight;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return inFlight;
        } finally {
            lock.unlock();
        }
    }

    private static void closeAll(AutoCloseable[] resources) {
        IllegalStateException failure = null;
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("Closing " + resource + " failed during shutdown", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void enter() {
        lock.lock();
        try {
            if (shuttingDown) {
                refused.increment();
                throw new ShutdownInProgressException();
            }
            inFlight++;
        } finally {
            lock.unlock();
        }
    }

    private void leave() {
        lock.lock();
        try {
            if (--inFlight == 0) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }
}
