package dev.kysera.rls.internal;

import dev.kysera.rls.RlsContext;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/** The context scoped to a block on the current thread (platform or virtual). Not API. */
public final class ThreadScope {

    private static final ThreadLocal<RlsContext> CURRENT = new ThreadLocal<>();

    private ThreadScope() {
    }

    /** The context of the innermost block running on this thread. */
    public static Optional<RlsContext> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Runs {@code block} with {@code context}, then restores the outer one, also when it throws. */
    public static <T> T call(RlsContext context, Supplier<T> block) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(block, "block");
        RlsContext outer = CURRENT.get();
        CURRENT.set(context);
        try {
            return block.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }
}
