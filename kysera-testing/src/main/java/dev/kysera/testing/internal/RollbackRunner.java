package dev.kysera.testing.internal;

import dev.kysera.executor.Executor;

/** Runs a block in a transaction of an executor and always rolls it back. */
public final class RollbackRunner {

    /** Work that may throw anything, like a JUnit invocation. */
    @FunctionalInterface
    public interface Work {
        void run() throws Throwable;
    }

    /** Thrown out of the transaction block to make the executor roll back; never escapes. */
    private static final class RollbackSignal extends RuntimeException {
        RollbackSignal() {
            super("kysera-testing: rollback at the end of the test", null, false, false);
        }
    }

    private RollbackRunner() {
    }

    /** Runs {@code work} inside a transaction of {@code executor}, rolls back, then rethrows what {@code work} threw. */
    public static void runAndRollBack(Executor executor, Work work) throws Throwable {
        Throwable[] failure = new Throwable[1];
        RollbackSignal signal = new RollbackSignal();
        try {
            executor.transaction(tx -> {
                try {
                    work.run();
                } catch (Throwable t) {
                    failure[0] = t;
                }
                throw signal;
            });
        } catch (Throwable thrown) {
            if (!causedBy(thrown, signal)) {
                if (failure[0] != null) {
                    thrown.addSuppressed(failure[0]);
                }
                throw thrown;
            }
        }
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    private static boolean causedBy(Throwable thrown, Throwable signal) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t == signal) {
                return true;
            }
        }
        return false;
    }
}
