package dev.kysera.executor.internal;

import dev.kysera.executor.Operation;
import dev.kysera.executor.StatementKind;
import dev.kysera.executor.TableReference;
import dev.kysera.executor.WriteRule;
import dev.kysera.executor.plan.PostImage;
import dev.kysera.executor.plan.RowWrite;
import dev.kysera.executor.plan.StatementPlan;
import dev.kysera.executor.plan.TableUse;
import dev.kysera.executor.plan.WriteIntent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.Query;
import org.jooq.Table;

/** Collects what the rewriter learns about one top-level statement while it renders. */
final class PlanBuilder {

    private StatementKind kind;
    private StatementKind writtenKind;
    private WriteIntent intent = WriteIntent.AS_WRITTEN;
    private TableReference target;
    private final List<TableUse> tables = new ArrayList<>();
    private final List<RowWrite> writes = new ArrayList<>();
    private final Set<String> changedBy = new LinkedHashSet<>();
    private final List<DeferredRule> deferredRules = new ArrayList<>();
    private boolean upsert;
    private boolean fromSelect;
    private boolean plainSql;
    private boolean hasWith;
    private boolean returning;
    private Query statement;
    private Table<?> preImageTable;
    private Condition preImageWhere;

    /** A rule to ask again per batch row, once the values bound at execution are known. */
    record DeferredRule(Registered<WriteRule> rule, TableReference table, Operation operation, PostImage image) {
    }

    void statement(StatementKind kind, StatementKind writtenKind, TableReference target, boolean hasWith) {
        if (this.kind == null) {
            this.kind = kind;
            this.writtenKind = writtenKind;
            this.target = target;
            this.hasWith = hasWith;
        }
    }

    /** The top-level statement turned out to be another kind (a DELETE rewritten as UPDATE). */
    void becomes(StatementKind kind) {
        this.kind = kind;
    }

    /** What the write means, as the first plugin that declared it said. */
    void intent(WriteIntent intent) {
        if (this.intent == WriteIntent.AS_WRITTEN) {
            this.intent = intent;
        }
    }

    void table(TableUse use) {
        tables.add(use);
    }

    void write(RowWrite write) {
        writes.add(write);
    }

    void changedBy(String plugin) {
        changedBy.add(plugin);
    }

    void defer(DeferredRule rule) {
        deferredRules.add(rule);
    }

    void upsert() {
        upsert = true;
    }

    void fromSelect() {
        fromSelect = true;
    }

    void plainSql() {
        plainSql = true;
    }

    void returning() {
        returning = true;
    }

    /** The top-level statement as it runs, the first one recorded. */
    void runs(Query rewritten) {
        if (statement == null) {
            statement = rewritten;
        }
    }

    void preImage(Table<?> table, Condition where) {
        if (preImageTable == null) {
            preImageTable = table;
            preImageWhere = where;
        }
    }

    PlannedStatement build() {
        StatementPlan plan = kind == null
                ? StatementPlan.opaque(plainSql)
                : new StatementPlan(kind, writtenKind, target, tables, writes, upsert, fromSelect, plainSql, hasWith, returning,
                        List.copyOf(changedBy), intent);
        return new PlannedStatement(plan, statement, preImageTable, preImageWhere, List.copyOf(deferredRules));
    }
}
