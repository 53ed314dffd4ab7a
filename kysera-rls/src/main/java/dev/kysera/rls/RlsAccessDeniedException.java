package dev.kysera.rls;

import dev.kysera.core.error.AccessDeniedException;

/**
 * Row-level security refused a statement: no context, a rule that denies, a value outside the
 * caller's tenant, or a rule that failed (threw, or read an absent context value; its exception is
 * the {@linkplain #getCause() cause}). Nothing was sent to the database.
 */
public final class RlsAccessDeniedException extends AccessDeniedException {

    private static final long serialVersionUID = 1L;

    /** The rule that decided, or {@code null}. */
    private final String policy;
    /** What a failed rule threw, or {@code null}. */
    private final Throwable failure;

    /**
     * Creates the refusal.
     *
     * @param plugin    the plugin's name
     * @param table     the table concerned
     * @param operation {@code read}, {@code create}, {@code update} or {@code delete}
     * @param policy    the rule that decided, or {@code null} when none did (no context, default deny)
     * @param reason    why
     * @param cause     what a failed rule threw, or {@code null}
     */
    public RlsAccessDeniedException(String plugin, String table, String operation, String policy, String reason, Throwable cause) {
        super(plugin, table, operation, reason);
        this.policy = policy;
        this.failure = cause;
    }

    /**
     * Names the rule behind the refusal.
     *
     * @return the rule that decided, or {@code null} when none did (no context, default deny)
     */
    public String policy() {
        return policy;
    }

    /**
     * The failure of a rule that threw, kept apart from the superclass's cause.
     *
     * @return what a failed rule threw, or {@code null}
     */
    @Override
    public synchronized Throwable getCause() {
        return failure;
    }
}
