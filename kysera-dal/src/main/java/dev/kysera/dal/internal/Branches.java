package dev.kysera.dal.internal;

import dev.kysera.core.error.KyseraException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Runs independent branches either one after another on the calling thread, or each on its own
 * virtual thread. On the first failure the other branches are cancelled (interrupted); whatever
 * they throw, before or because of the cancellation, is attached to the first failure as suppressed. The virtual-thread
 * executor is closed, which waits for every branch to end, before this returns or throws, so no
 * branch outlives the call (a branch blocked in a JDBC call ends when that call returns).
 */
public final class Branches {

    /** The virtual threads' name prefix, so branches are recognisable in thread dumps. */
    public static final String THREAD_PREFIX = "kysera-dal-parallel-";

    /** Error code when the calling thread is interrupted while waiting for branches. */
    public static final String INTERRUPTED = "INTERRUPTED";

    private Branches() {
    }

    /** Runs the branches in order on this thread; the first failure propagates, later branches do not run. */
    public static List<Object> sequential(List<Supplier<?>> branches) {
        List<Object> results = new ArrayList<>(branches.size());
        for (Supplier<?> branch : branches) {
            results.add(branch.get());
        }
        return results;
    }

    /** Runs each branch on its own virtual thread and returns the results in branch order. */
    public static List<Object> concurrent(List<Supplier<?>> branches) {
        if (branches.size() <= 1) {
            return sequential(branches);
        }
        Object[] results = new Object[branches.size()];
        Throwable[] failures = new Throwable[branches.size()];
        List<Future<Integer>> futures = new ArrayList<>(branches.size());
        Throwable failure = null;
        try (ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(THREAD_PREFIX, 0).factory())) {
            CompletionService<Integer> completion = new ExecutorCompletionService<>(threads);
            for (int i = 0; i < branches.size(); i++) {
                int index = i;
                Supplier<?> branch = branches.get(i);
                futures.add(completion.submit(() -> {
                    try {
                        results[index] = branch.get();
                        return index;
                    } catch (Throwable t) {
                        failures[index] = t;
                        throw t;
                    }
                }));
            }
            for (int done = 0; done < branches.size() && failure == null; done++) {
                try {
                    completion.take().get();
                } catch (ExecutionException e) {
                    failure = e.getCause();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = new KyseraException(INTERRUPTED, "Interrupted while waiting for parallel queries", e);
                }
                if (failure != null) {
                    futures.forEach(f -> f.cancel(true));
                }
            }
        }
        if (failure != null) {
            // Every branch has ended (closing the executor waits), so all their failures are known.
            for (Throwable other : failures) {
                if (other != null && other != failure) {
                    failure.addSuppressed(other);
                }
            }
            throw rethrow(failure);
        }
        return Arrays.asList(results);
    }

    private static RuntimeException rethrow(Throwable failure) {
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new UndeclaredThrowableException(failure);
    }
}
