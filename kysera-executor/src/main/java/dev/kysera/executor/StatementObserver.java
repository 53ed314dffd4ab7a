package dev.kysera.executor;

import dev.kysera.executor.plan.StatementPlan;

/**
 * Role: sees every statement and batch when it runs — never while it only renders. Called on the
 * executing thread, before the statement is sent and after it returned or failed, with the plan,
 * the SQL that ran, every batch row's bind values, the affected rows, timing and the failure.
 * An observer that throws fails the statement (before) or replaces its outcome (after): audit uses
 * that to keep a write and its history in one transaction.
 */
public interface StatementObserver {

    /**
     * Whether the executor should read the rows this write will touch, in the statement's
     * transaction and before it runs, and hand them over as {@link StatementEvent#preImage()}.
     * Only asked for single-table UPDATE and DELETE plans.
     *
     * @param plan the write about to run
     * @return true to have its pre-image read (with {@code FOR UPDATE} where the dialect has it); false by default
     */
    default boolean wantsPreImage(StatementPlan plan) {
        return false;
    }

    /**
     * The columns whose values the database generates (identity, auto-increment keys) that this
     * observer needs after an INSERT without RETURNING, single or in a {@code batch(insert).bind(…)}:
     * the executor then prepares it asking the driver for them and hands them over as
     * {@link StatementEvent#generatedKeys()}. Empty (the default) for none.
     *
     * @param plan the INSERT about to be prepared
     * @return the column names; empty for none
     */
    default java.util.List<String> generatedKeys(StatementPlan plan) {
        return java.util.List.of();
    }

    /**
     * Whether this observer wants every column of the rows this single INSERT, UPDATE or DELETE
     * (without RETURNING, not in a batch) changes, as {@link StatementEvent#changedRows()}. Where the
     * driver can return them with the statement itself (PostgreSQL, which appends
     * {@code RETURNING *}), the executor prepares it so; a DELETE's {@link StatementEvent#preImage()}
     * is then not read when every observer that wants it wants these too: the deleted rows come back with it.
     * When every observer answers {@link #readsPlans()} false, asked for INSERTs only. Elsewhere nothing changes
     * ({@link StatementEvent#returnsChangedRows()} is false). False by default.
     *
     * @param plan the write about to be prepared
     * @return true to have the changed rows returned where the driver can
     */
    default boolean wantsChangedRows(StatementPlan plan) {
        return false;
    }

    /**
     * Before the statement is sent (after the pre-image was read). Throwing prevents the statement
     * from running, and the caller receives what was thrown.
     *
     * @param event the statement, without row counts, timing or failure
     */
    default void beforeStatement(StatementEvent event) {
    }

    /**
     * After it returned ({@link StatementEvent#failure()} empty) or failed — also when a plugin or the
     * executor refused it while planning, before anything was sent (then without
     * {@link #beforeStatement}, with no row counts and an opaque plan). Throwing replaces the
     * statement's outcome: the caller receives what was thrown. Outside a transaction the statement
     * has then already committed; inside one, the block fails and rolls back unless it catches.
     *
     * @param event the statement with its row counts, timing and failure
     */
    default void afterStatement(StatementEvent event) {
    }

    /**
     * Whether this observer reads the plan ({@link StatementEvent#plan()}, {@link StatementEvent#plans()},
     * {@link StatementEvent#writtenRows()}) of most statements it sees; {@code true} by default.
     * When every observer of an executor answers {@code false} and no plugin has a planning role,
     * the executor renders statements without its planning listener and plans a statement only
     * when an observer first asks, by rendering it once more: the plan is the same, it costs
     * nothing for statements whose plan nobody reads and one extra render for those whose plan is
     * read. {@link #wantsPreImage} is then asked only for statements that are not DSL SELECTs, and
     * {@link #generatedKeys} only for statements whose SQL starts with INSERT.
     *
     * @return false if this observer reads the plans of few statements; true by default
     */
    default boolean readsPlans() {
        return true;
    }
}
