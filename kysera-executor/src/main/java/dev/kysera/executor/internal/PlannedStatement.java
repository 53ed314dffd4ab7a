package dev.kysera.executor.internal;

import dev.kysera.executor.plan.StatementPlan;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Query;
import org.jooq.Table;

/**
 * A plan and what the executor needs to act on it at execution: how to read the pre-image of a
 * single-table UPDATE or DELETE, and the rules to judge each batch row with.
 *
 * @param statement     the statement that runs (plugins' changes applied), or null when it is the caller's own
 * @param preImageTable the written table as the statement names it, or null when no pre-image can be read
 * @param preImageWhere the statement's final WHERE (with plugins' filters), or null for none
 */
record PlannedStatement(StatementPlan plan, Query statement, Table<?> preImageTable, Condition preImageWhere,
                        List<PlanBuilder.DeferredRule> deferredRules) {
}
