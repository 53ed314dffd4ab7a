package dev.kysera.examples.saas;

import dev.kysera.executor.Executor;
import java.util.Objects;

/**
 * The executor that bypasses row-level security, as a type of its own so request code cannot be
 * handed it by accident: only authentication, sign-up and demo data use it.
 *
 * @param executor the bypassing executor
 */
record SystemAccess(Executor executor) {

    /** The authority naming a user's tenant: {@code tenant:<id>}. */
    static final String TENANT_AUTHORITY = "tenant:";

    SystemAccess {
        Objects.requireNonNull(executor, "executor");
    }
}
