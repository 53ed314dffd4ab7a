package dev.kysera.spring;

import dev.kysera.executor.Executor;

/**
 * Adjusts the auto-configured executor before it is built: e.g. transaction decorators from
 * kysera-infra ({@code builder.decorateTransactions(retry.decorator())}), or — once
 * kysera-micrometer exists — its observation plugin. Every bean of this type is applied, in
 * {@code @Order}; plugins are better declared as {@code Plugin} beans.
 */
@FunctionalInterface
public interface KyseraExecutorCustomizer {

    /**
     * Changes {@code builder}; plugins from {@code Plugin} beans are already registered.
     *
     * @param builder the executor's builder, before it builds
     */
    void customize(Executor.Builder builder);
}
