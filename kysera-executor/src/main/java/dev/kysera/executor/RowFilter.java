package dev.kysera.executor;

import java.util.Optional;
import org.jooq.Condition;

/**
 * Role: which rows of a table occurrence a statement may see or touch. Called while a statement is
 * planned, for every occurrence of every table the plugin {@linkplain Plugin#appliesTo applies to}:
 * targets, join sources, subqueries, CTE bodies, set-operation branches. The executor places the
 * condition where SQL scoping needs it (WHERE, the ON of an outer join's optional side, a derived
 * table inside a FULL join). An occurrence a SELECT locks ({@code FOR UPDATE}, {@code FOR SHARE} and
 * the other strengths) is asked for {@link Operation#READ} and for {@link Operation#UPDATE}, and its rows
 * must satisfy both. Must be a pure function of its arguments.
 */
@FunctionalInterface
public interface RowFilter {

    /**
     * The condition rows must satisfy for this operation ({@link Operation#READ},
     * {@link Operation#UPDATE} or {@link Operation#DELETE}); empty for no restriction. Qualify
     * columns with {@link TableReference#field}.
     *
     * @param table     the occurrence, with the name the statement refers to it by
     * @param operation what the statement does with its rows (a DELETE soft delete turns into an UPDATE is still a DELETE)
     * @param context   the context the statement is planned with
     * @return the condition, or empty; return {@code DSL.falseCondition()} to hide every row (e.g. when
     *         the context lacks what the filter needs). A filter that throws fails the statement with what it threw
     */
    Optional<Condition> filter(TableReference table, Operation operation, PluginContext context);
}
