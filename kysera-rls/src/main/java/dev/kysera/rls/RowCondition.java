package dev.kysera.rls;

import org.jooq.Condition;

/**
 * A policy's condition in SQL, built for one table occurrence from the current context, e.g.
 * {@code s -> s.equal(POSTS.TENANT_ID, s.context().tenantId())}. Must be a pure function. A
 * condition that throws (also by reading an absent context value) denies.
 */
@FunctionalInterface
public interface RowCondition {

    /**
     * Builds the condition for one table occurrence.
     *
     * @param scope the occurrence and the current context
     * @return the condition on the occurrence's columns; never null
     */
    Condition condition(PolicyScope scope);
}
