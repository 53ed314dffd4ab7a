package dev.kysera.executor.internal;

import dev.kysera.core.error.AccessDeniedException;
import dev.kysera.executor.Assignment;
import dev.kysera.executor.Enforcement;
import dev.kysera.executor.Operation;
import dev.kysera.executor.PluginContext;
import dev.kysera.executor.RowFilter;
import dev.kysera.executor.StatementKind;
import dev.kysera.executor.StatementTransform;
import dev.kysera.executor.TableReference;
import dev.kysera.executor.Transform;
import dev.kysera.executor.UnsupportedStatementException;
import dev.kysera.executor.Verdict;
import dev.kysera.executor.WriteRule;
import dev.kysera.executor.WriteValues;
import dev.kysera.executor.plan.PostImage;
import dev.kysera.executor.plan.RowLock;
import dev.kysera.executor.plan.RowWrite;
import dev.kysera.executor.plan.TableRole;
import dev.kysera.executor.plan.TableUse;
import dev.kysera.executor.plan.WriteIntent;
import dev.kysera.executor.plan.WrittenValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.FieldOrRow;
import org.jooq.FieldOrRowOrSelect;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.QueryPart;
import org.jooq.Row;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.Table;
import org.jooq.UpdateQuery;
import org.jooq.impl.DSL;
import org.jooq.impl.QOM;

/**
 * Plans and rewrites one statement node (a SELECT, UPDATE, DELETE or INSERT) for the active roles,
 * returning a copy built with jOOQ's immutable query-model setters; the caller's query object is
 * never changed. Nested SELECTs are separate nodes that jOOQ visits one by one, so subqueries,
 * derived tables, CTE bodies and set-operation branches are each rewritten on their own; what they
 * contain is recorded in the same {@link PlanBuilder}. One instance serves one render.
 *
 * <p>Refusals are thrown; the listener decides whether the render is an execution (then they
 * propagate) or only a rendering (then the statement renders as written).
 */
final class StatementRewriter {

    private static final String SOURCE_ALIAS = "kysera_src";

    private final ActiveRoles roles;
    private final PluginContext context;
    private final SQLDialect dialect;
    private final boolean failClosed;
    /** Set when plugin values must not become bind values (single-statement batches). */
    private final DSLContext inliner;
    private final boolean boundAtExecution;
    private final PlanBuilder plan = new PlanBuilder();
    private final MaskedTables masks;
    private final Set<QueryPart> ownFragments = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    /** The role calls made while planning, in order, for the plan cache; null unless it asked. */
    private List<PlanCache.Decision> decisions;
    /** Set when a decision was made that the plan cache cannot repeat by calling the roles again. */
    private boolean unrepeatable;
    /** The locking clause of the SELECT whose FROM is being rewritten; NONE elsewhere. */
    private SelectLock locking = SelectLock.NONE;
    /** Locks that a locking SELECT passes to the SELECTs of derived tables in its FROM, which jOOQ visits later. */
    private final Map<QueryPart, SelectLock> inheritedLocks = new java.util.IdentityHashMap<>();

    /**
     * @param inlinePluginValues   whether values plugins add must be inline literals: in a
     *                             single-statement batch, which binds only the caller's values, and
     *                             in renders that are not executions, whose bind values callers (and
     *                             jOOQ's {@code batchStore}) pair with the executed statement
     * @param singleStatementBatch whether the caller's bind values are known only at execution
     */
    StatementRewriter(Scope scope, SQLDialect dialect, boolean inlinePluginValues, boolean singleStatementBatch) {
        this.roles = scope.roles();
        this.context = scope.context(dialect);
        this.dialect = dialect;
        this.failClosed = roles.failClosed();
        this.inliner = inlinePluginValues ? DSL.using(dialect) : null;
        this.boundAtExecution = singleStatementBatch;
        this.masks = new MaskedTables(roles.columnMasks, context, this::inlineIfNeeded);
    }

    boolean failClosed() {
        return failClosed;
    }

    PlanBuilder plan() {
        return plan;
    }

    /** Records every role call from now on, for the plan cache. */
    void recordDecisions() {
        decisions = new ArrayList<>();
    }

    /** The role calls made, or null when not recorded or when one of them cannot be repeated from a cached plan. */
    List<PlanCache.Decision> decisions() {
        return unrepeatable ? null : decisions;
    }

    /**
     * Makes the role calls of a cached plan again, on this statement's own table occurrences, so
     * plugins decide on this execution's context; refusals are thrown as when planning.
     */
    List<PlanCache.Decision> replay(List<PlanCache.Call> calls, List<TableReference> leaves) {
        recordDecisions();
        for (PlanCache.Call call : calls) {
            TableReference table = leaves.get(call.leaf());
            switch (call.kind()) {
                case FILTER -> conditionsFor(table, call.operation());
                case VALUES -> valuesFor(table, call.operation());
                case TRANSFORM -> refuseByTransform(table, call.operation());
            }
        }
        return decisions();
    }

    private void decided(PlanCache.DecisionKind kind, TableReference table, Operation operation, List<Condition> conditions,
                         List<Assignment> values) {
        if (decisions != null) {
            decisions.add(new PlanCache.Decision(kind, table, operation, List.copyOf(conditions), List.copyOf(values)));
        }
    }

    // ---------------------------------------------------------------- SELECT

    Select<?> select(Select<?> select, Nesting nesting) {
        plan.statement(StatementKind.SELECT, StatementKind.SELECT, null, select.$with() != null);
        List<Condition> where = new ArrayList<>();
        List<Table<?>> rewritten;
        locking = lockOf(select);
        try {
            rewritten = rewriteTables(select.$from(), where, Operation.READ, nesting.role(TableRole.SOURCE), nesting);
        } finally {
            locking = SelectLock.NONE;
        }
        Select<?> result = rewritten == null ? select : select.$from(rewritten);
        return where.isEmpty() ? result : result.$where(and(result.$where(), where));
    }

    /**
     * The lock this SELECT takes: a derived table's SELECT inside a locking SELECT locks every table of
     * it (as PostgreSQL does); otherwise its own clause. Nested IN / EXISTS subqueries and CTE bodies
     * lock only with a clause of their own.
     */
    private SelectLock lockOf(Select<?> select) {
        SelectLock inherited = inheritedLocks.remove(select);
        if (inherited == null && select instanceof org.jooq.SelectFinalStep<?> step) {
            inherited = inheritedLocks.remove(step.getQuery());
        }
        if (inherited != null && inherited.mode() != RowLock.NONE) {
            return inherited;
        }
        SelectLock own = JooqInternals.lockOf(select);
        if (!own.known() && failClosed) {
            throw new UnsupportedStatementException("Cannot tell whether this SELECT locks rows (FOR UPDATE / FOR SHARE), "
                    + "which fail-closed plugins judge by their update rules: this SELECT's implementation (" + select.getClass().getName()
                    + ") is not one the executor can read");
        }
        return own;
    }

    // ---------------------------------------------------------------- UPDATE

    Query update(QOM.Update<?> update, Nesting nesting) {
        return update(update, nesting, Operation.UPDATE, List.of());
    }

    /**
     * @param operation     {@link Operation#DELETE} for a DELETE turned into this UPDATE: its target is
     *                      judged by delete filters and by no write rule
     * @param forcedValues  the transform's values, set before other plugins' values
     */
    private Query update(QOM.Update<?> update, Nesting nesting, Operation operation, List<Assignment> forcedValues) {
        List<TableReference> targets = new ArrayList<>();
        List<Condition> where = new ArrayList<>();
        if (operation == Operation.UPDATE) {
            plan.statement(StatementKind.UPDATE, StatementKind.UPDATE, leafTarget(update.$table()), update.$with() != null);
        }
        Table<?> target = rewriteTable(update.$table(), where, operation, TableRole.TARGET, targets, nesting);
        List<Table<?>> from = rewriteTables(update.$from(), where, Operation.READ, nesting.role(TableRole.SOURCE), nesting);
        List<QueryPart> tests = tests(update.$where(), update.$table(), update.$from(), update.$orderBy());
        targets.forEach(table -> masks.refuseTested(table, operation, dialect, tests));

        Map<FieldOrRow, FieldOrRowOrSelect> set = WrittenValues.flatten(update.$set());
        // With more than one table in play (multi-table UPDATE, UPDATE … FROM) a bare column may be ambiguous.
        boolean qualify = targets.size() > 1 || !update.$from().isEmpty();
        for (TableReference table : targets) {
            if (operation == Operation.UPDATE) {
                refuseByTransform(table, Operation.UPDATE);
            }
            forcedValues.forEach(value -> put(set, table, value, qualify));
            for (Assignment value : valuesFor(table, Operation.UPDATE)) {
                put(set, table, value, qualify);
            }
            PostImage image = WrittenValues.set(set, boundAtExecution);
            plan.write(new RowWrite(table, Operation.UPDATE, image));
            if (operation == Operation.UPDATE) {
                where.addAll(judge(table, Operation.UPDATE, image, "UPDATE"));
            }
        }

        QOM.Update<?> result = update.$set(set);
        if (target != update.$table()) {
            result = result.$table(target);
        }
        if (from != null) {
            result = result.$from(from);
        }
        if (!where.isEmpty()) {
            result = result.$where(and(result.$where(), where));
        }
        if (targets.size() == 1 && update.$from().isEmpty() && !(target instanceof QOM.JoinTable<?, ?>)) {
            plan.preImage(target, result.$where());
        }
        return result;
    }

    // ---------------------------------------------------------------- DELETE

    /**
     * @param returning the fields a DELETE … RETURNING returns, or null
     * @return the rewritten DELETE, an UPDATE replacing it, or (with RETURNING) an UPDATE … RETURNING
     *         with the same RETURNING
     */
    QueryPart delete(QOM.Delete<?> delete, Nesting nesting, SelectFieldOrAsterisk[] returning) {
        Table<?> target = delete.$from();
        TableReference reference = leafTarget(target);
        plan.statement(StatementKind.DELETE, StatementKind.DELETE, reference, delete.$with() != null);
        if (reference != null && roles.enforcesOrApplies(reference)) {
            Transform.DeleteAsUpdate asUpdate = deleteTransform(reference);
            if (asUpdate != null) {
                return deleteAsUpdate(delete, reference, asUpdate, nesting, returning != null ? returning : JooqInternals.returningOf(delete));
            }
        }
        List<Condition> where = new ArrayList<>();
        List<TableReference> targets = new ArrayList<>();
        Table<?> rewrittenTarget = rewriteTable(target, where, Operation.DELETE, TableRole.TARGET, targets, nesting);
        List<QueryPart> tests = tests(delete.$where(), target, delete.$using(), delete.$orderBy());
        targets.forEach(table -> masks.refuseTested(table, Operation.DELETE, dialect, tests));
        List<Table<?>> using = rewriteTables(delete.$using(), where, Operation.READ, nesting.role(TableRole.SOURCE), nesting);
        QOM.Delete<?> result = rewrittenTarget == target ? delete : delete.$from(rewrittenTarget);
        if (using != null) {
            result = result.$using(using);
        }
        if (!where.isEmpty()) {
            result = result.$where(and(result.$where(), where));
        }
        if (reference != null && delete.$using().isEmpty()) {
            plan.preImage(rewrittenTarget, result.$where());
        }
        return result;
    }

    private Transform.DeleteAsUpdate deleteTransform(TableReference table) {
        Transform.DeleteAsUpdate chosen = null;
        unrepeatable = true;
        for (Registered<StatementTransform> transform : roles.transforms) {
            if (!transform.plugin().appliesTo(table)) {
                continue;
            }
            switch (transform.role().transform(table, Operation.DELETE, context)) {
                case Transform.Refuse refuse -> throw denied(transform, table, Operation.DELETE, refuse.reason());
                case Transform.DeleteAsUpdate asUpdate -> {
                    if (chosen == null) {
                        chosen = asUpdate;
                        plan.changedBy(transform.plugin().name());
                        plan.intent(WriteIntent.SOFT_DELETE);
                    }
                }
                case Transform.Mark mark -> throw new UnsupportedStatementException("Plugin '" + transform.plugin().name()
                        + "' marked a DELETE of " + table.name() + " as " + mark.intent() + "; only an UPDATE can be marked");
                case Transform.Keep keep -> {
                }
            }
        }
        return chosen;
    }

    private QueryPart deleteAsUpdate(QOM.Delete<?> delete, TableReference reference, Transform.DeleteAsUpdate asUpdate, Nesting nesting,
                                     SelectFieldOrAsterisk[] returning) {
        if (!delete.$orderBy().isEmpty() || delete.$limit() != null) {
            throw new UnsupportedStatementException("DELETE … ORDER BY/LIMIT on " + reference.name()
                    + " cannot be turned into an UPDATE by plugins; select the rows to delete by key instead");
        }
        plan.becomes(StatementKind.UPDATE);
        Map<Field<?>, Field<?>> set = new LinkedHashMap<>();
        // A placeholder assignment: the real values are applied by update(), which knows the qualification rules.
        set.put(DSL.field(DSL.name(asUpdate.values().getFirst().column())), asUpdate.values().getFirst().value());
        Condition condition = delete.$where() == null ? DSL.noCondition() : delete.$where();
        var start = delete.$with() == null ? DSL.update(delete.$from())
                : DSL.with(delete.$with().$commonTableExpressions()).update(delete.$from());
        var updated = start.set(set);
        var filtered = delete.$using().isEmpty() ? updated.where(condition) : updated.from(delete.$using()).where(condition);
        if (returning != null && (dialect.family() == SQLDialect.MARIADB || dialect.family() == SQLDialect.MYSQL)) {
            throw new UnsupportedStatementException("DELETE … RETURNING on " + reference.name() + " is a soft delete here, and "
                    + dialect.family() + " has no UPDATE … RETURNING: read the rows first, then delete them by key");
        }
        Query rewritten = update((QOM.Update<?>) filtered, nesting, Operation.DELETE, asUpdate.values());
        if (returning != null && rewritten instanceof UpdateQuery<?> withReturning) {
            // The copy is the executor's own, never the caller's: setting its RETURNING mutates nothing shared.
            withReturning.setReturning(returning);
        }
        return rewritten;
    }

    // ---------------------------------------------------------------- INSERT

    QOM.Insert<?> insert(QOM.Insert<?> insert, Nesting nesting, boolean returning) {
        Table<?> into = insert.$into();
        TableReference table = leafTarget(into);
        plan.statement(StatementKind.INSERT, StatementKind.INSERT, table, insert.$with() != null);
        boolean upsert = !insert.$updateSet().isEmpty() || insert.$onDuplicateKeyIgnore() || insert.$onDuplicateKeyUpdate();
        if (upsert) {
            plan.upsert();
        }
        if (insert.$select() != null) {
            plan.fromSelect();
        }
        if (returning) {
            plan.returning();
        }
        if (table == null) {
            refuseOpaque(into);
            return insert;
        }
        record(table, TableRole.TARGET, Operation.INSERT);
        refuseByTransform(table, Operation.INSERT);
        List<Assignment> values = valuesFor(table, Operation.INSERT);
        QOM.Insert<?> result = insert.$select() != null
                ? insertSelect(insert, table, values)
                : insertValues(insert, table, values);
        return upsert(result, table);
    }

    private QOM.Insert<?> insertValues(QOM.Insert<?> insert, TableReference table, List<Assignment> assignments) {
        List<Field<?>> columns = new ArrayList<>(insert.$columns());
        if (!columns.isEmpty() && JooqInternals.isPlaceholderColumn(columns.getFirst())) {
            columns.clear();
        }
        if (columns.isEmpty() && !insert.$values().isEmpty()) {
            if (table.table().fields().length == 0) {
                if (assignments.isEmpty() && !hasRules(table)) {
                    return insert;
                }
                throw new UnsupportedStatementException("INSERT INTO " + table.name() + " VALUES (…) has no column list and jOOQ "
                        + "knows no columns of the table, so plugins cannot add or check values: name the columns");
            }
            columns.addAll(List.of(table.table().fields()));
        }
        List<List<Field<?>>> rows = new ArrayList<>();
        if (insert.$defaultValues() || insert.$values().isEmpty()) {
            rows.add(new ArrayList<>());
        } else {
            for (Row row : insert.$values()) {
                rows.add(new ArrayList<>(List.of(row.fields())));
            }
        }
        boolean changed = false;
        for (Assignment assignment : assignments) {
            int index = indexOf(columns, assignment.column());
            if (index < 0) {
                columns.add(DSL.field(DSL.name(assignment.column())));
                rows.forEach(row -> row.add(assignment.value()));
                changed = true;
            } else if (assignment.overwrite()) {
                rows.forEach(row -> row.set(index, assignment.value()));
                changed = true;
            }
        }
        for (List<Field<?>> row : rows) {
            PostImage image = WrittenValues.row(columns, row, boundAtExecution);
            plan.write(new RowWrite(table, Operation.INSERT, image));
            if (!judge(table, Operation.INSERT, image, "INSERT").isEmpty()) {
                throw new UnsupportedStatementException("A rule on " + table.name() + " can only be enforced in SQL for a value "
                        + "of this INSERT … VALUES, which has no WHERE to carry it: write the value as a constant, or use INSERT … SELECT");
            }
        }
        if (!changed) {
            return insert;
        }
        return insert.$defaultValues(false).$columns(columns).$values(rows.stream().map(DSL::row).toList());
    }

    private QOM.Insert<?> insertSelect(QOM.Insert<?> insert, TableReference table, List<Assignment> assignments) {
        List<Field<?>> columns = new ArrayList<>(insert.$columns());
        if (assignments.isEmpty() && !hasRules(table)) {
            if (!columns.isEmpty()) {
                // Nothing to change, but observers still learn which columns the SELECT fills (an audit log: whether it writes the key).
                plan.write(new RowWrite(table, Operation.INSERT, WrittenValues.row(columns, sourceColumns(columns.size()), boundAtExecution)));
            }
            return insert;
        }
        if (columns.isEmpty()) {
            throw new UnsupportedStatementException("INSERT INTO " + table.name()
                    + " … SELECT needs an explicit column list while plugins add or check its values");
        }
        List<Field<?>> selected = sourceColumns(columns.size());
        Table<?> source = insert.$select().asTable(SOURCE_ALIAS, selected.stream().map(Field::getName).toArray(String[]::new));
        for (Assignment assignment : assignments) {
            int index = indexOf(columns, assignment.column());
            if (index < 0) {
                columns.add(DSL.field(DSL.name(assignment.column())));
                selected.add(assignment.value());
            } else if (assignment.overwrite()) {
                selected.set(index, assignment.value());
            }
        }
        PostImage image = WrittenValues.row(columns, selected, boundAtExecution);
        plan.write(new RowWrite(table, Operation.INSERT, image));
        List<Condition> required = judge(table, Operation.INSERT, image, "INSERT");
        var select = DSL.select(selected).from(source);
        return insert.$columns(columns).$select(required.isEmpty() ? select : select.where(required));
    }

    /** The columns of the derived table an INSERT … SELECT's rows are read from: {@code kysera_src.c0, …}. */
    private static List<Field<?>> sourceColumns(int count) {
        List<Field<?>> columns = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            columns.add(DSL.field(DSL.name(SOURCE_ALIAS, "c" + i)));
        }
        return columns;
    }

    /** The update part of ON CONFLICT DO UPDATE / ON DUPLICATE KEY UPDATE gets UPDATE's treatment. */
    private QOM.Insert<?> upsert(QOM.Insert<?> insert, TableReference table) {
        if (insert.$updateSet().isEmpty()) {
            return insert;
        }
        Map<FieldOrRow, FieldOrRowOrSelect> set = WrittenValues.flatten(insert.$updateSet());
        for (Assignment value : valuesFor(table, Operation.UPDATE)) {
            put(set, table, value, false);
        }
        PostImage image = WrittenValues.set(set, boundAtExecution);
        plan.write(new RowWrite(table, Operation.UPDATE, image));
        if (insert.$updateWhere() != null) {
            masks.refuseTested(table, Operation.UPDATE, dialect, List.of(insert.$updateWhere()));
        }
        List<Condition> conditions = new ArrayList<>(conditionsFor(table, Operation.UPDATE));
        conditions.addAll(judge(table, Operation.UPDATE, image, "upsert"));
        QOM.Insert<?> result = insert.$updateSet(set);
        if (conditions.isEmpty()) {
            return result;
        }
        if (!supportsUpsertWhere()) {
            throw new UnsupportedStatementException("An upsert into " + table.name() + " would update rows that plugins hide or "
                    + "restrict, and " + dialect.family() + " cannot filter the update part (no WHERE on ON DUPLICATE KEY UPDATE); "
                    + "check for the row first or run the upsert without those plugins");
        }
        return result.$updateWhere(and(result.$updateWhere(), conditions));
    }

    private boolean supportsUpsertWhere() {
        return switch (dialect.family()) {
            case POSTGRES, SQLITE, H2 -> true;
            default -> false;
        };
    }

    // ---------------------------------------------------------------- MERGE

    void merge(QOM.Merge<?> merge) {
        Table<?> into = merge.$into();
        TableReference table = leafTarget(into);
        plan.statement(StatementKind.MERGE, StatementKind.MERGE, table, merge.$with() != null);
        if (failClosed) {
            throw new UnsupportedStatementException("MERGE into " + (table == null ? into.getName() : table.name())
                    + " is refused while fail-closed plugins are active: its branches and USING source cannot all be checked; "
                    + "use INSERT … ON CONFLICT or UPDATE instead");
        }
        boolean sourceFiltered = merge.$using() instanceof Table<?> using && TableResolver.isLeaf(using)
                && TableResolver.resolve(using) != null && applies(TableResolver.resolve(using));
        if (table == null || applies(table) || sourceFiltered) {
            throw new UnsupportedStatementException("MERGE into " + (table == null ? into.getName() : table.name())
                    + " is not supported while plugins apply to its target or source: use INSERT … ON CONFLICT / repository upsert instead");
        }
    }

    // ---------------------------------------------------------------- tables and joins

    /** Rewrites a FROM list; returns {@code null} when no table changed. Conditions go to {@code sink}. */
    private List<Table<?>> rewriteTables(List<? extends Table<?>> tables, List<Condition> sink, Operation operation, TableRole role,
                                         Nesting nesting) {
        List<Table<?>> result = null;
        for (int i = 0; i < tables.size(); i++) {
            Table<?> table = tables.get(i);
            Table<?> rewritten = rewriteTable(table, sink, operation, role, null, nesting);
            if (rewritten != table && result == null) {
                result = new ArrayList<>(tables.subList(0, i));
            }
            if (result != null) {
                result.add(rewritten);
            }
        }
        return result;
    }

    /**
     * Rewrites one FROM item. Conditions of tables whose rows the statement keeps go to {@code sink}
     * (WHERE, or the ON of an enclosing outer join); those of an outer join's optional side go into
     * that join's ON, so the join stays outer. Leaf references are added to {@code leaves} if given.
     */
    private Table<?> rewriteTable(Table<?> table, List<Condition> sink, Operation operation, TableRole role, List<TableReference> leaves,
                                  Nesting nesting) {
        if (table instanceof QOM.JoinTable<?, ?> join) {
            return rewriteJoin(join, sink, operation, role, leaves, nesting);
        }
        if (JooqInternals.isInlineDerivedTable(table) && table instanceof QOM.DerivedTable<?> inline && role != TableRole.TARGET) {
            // Rendered inline, its SELECT would never be visited: make it a real derived table, which is.
            Table<?> derived = inline.$arg1().asTable(table.getName());
            inheritLock(derived);
            return derived;
        }
        if (!TableResolver.isLeaf(table)) {
            inheritLock(table);
            return table;
        }
        TableReference reference = TableResolver.resolve(table);
        if (reference == null) {
            refuseOpaque(table);
            return table;
        }
        if (role != TableRole.TARGET && nesting.isCte(reference, dialect)) {
            return table;
        }
        RowLock lock = role != TableRole.TARGET && operation == Operation.READ ? locking.on(table) : RowLock.NONE;
        if (role != TableRole.TARGET && operation == Operation.READ) {
            Table<?> masked = masks.masked(table, reference, plan::changedBy);
            if (masked != null && lock != RowLock.NONE) {
                throw new UnsupportedStatementException("SELECT … FOR " + lock.name().replace('_', ' ') + " of '" + reference.name()
                        + "', whose columns a plugin masks: the mask's derived table cannot carry the update rules a lock "
                        + "needs; lock the rows by a statement that does not read masked columns, or name only other tables in OF");
            }
            if (masked != null) {
                return masked;
            }
        }
        record(reference, role, operation, lock);
        List<Condition> conditions = conditionsFor(reference, operation);
        if (lock != RowLock.NONE) {
            // A locked row must pass the update rules too (PostgreSQL applies UPDATE policies' USING to it).
            conditions.addAll(conditionsFor(reference, Operation.UPDATE));
        }
        if (!conditions.isEmpty() && ColumnAliases.renamesColumns(table)) {
            // The filter names the table's own columns, which the alias renamed: filter inside instead.
            Table<?> inside = ColumnAliases.filteredInside(table);
            inheritLock(inside);
            return inside;
        }
        if (leaves != null) {
            leaves.add(reference);
        }
        sink.addAll(conditions);
        return table;
    }

    /** Passes the current lock to the SELECT of a derived table in the locking SELECT's FROM. */
    private void inheritLock(Table<?> table) {
        if (locking.mode() == RowLock.NONE) {
            return;
        }
        Table<?> inner = table instanceof QOM.TableAlias<?> alias ? alias.$table() : table;
        if (inner instanceof QOM.DerivedTable<?> derived) {
            SelectLock inherited = locking.inherited(table);
            if (inherited.mode() != RowLock.NONE) {
                // jOOQ may visit the SELECT or the query it delegates to: either finds the lock.
                inheritedLocks.put(derived.$arg1(), inherited);
                if (derived.$arg1() instanceof org.jooq.SelectFinalStep<?> step) {
                    inheritedLocks.put(step.getQuery(), inherited);
                }
            }
        }
    }

    private Table<?> rewriteJoin(QOM.JoinTable<?, ?> join, List<Condition> sink, Operation operation, TableRole role,
                                 List<TableReference> leaves, Nesting nesting) {
        JoinSide side = JoinSide.of(join);
        if (side == JoinSide.FULL) {
            return withSides(join, filteredBeforeJoin(join.$table1(), operation, nesting, leaves),
                    filteredBeforeJoin(join.$table2(), operation, nesting, leaves));
        }
        TableRole optional = nesting.role(TableRole.OPTIONAL_SIDE);
        List<Condition> on = new ArrayList<>();
        Table<?> left = side.leftOptional()
                ? rewriteTable(join.$table1(), on, Operation.READ, optional, leaves, nesting)
                : rewriteTable(join.$table1(), sink, operation, role, leaves, nesting);
        Table<?> right = side.rightOptional()
                ? rewriteTable(join.$table2(), on, Operation.READ, optional, leaves, nesting)
                : rewriteTable(join.$table2(), sink, operation, role, leaves, nesting);
        QOM.JoinTable<?, ?> result = withSides(join, left, right);
        if (on.isEmpty()) {
            return result;
        }
        if (result instanceof QOM.QualifiedJoin<?, ?> qualified && qualified.$using().isEmpty() && qualified.$on() != null) {
            return (Table<?>) qualified.$on(and(qualified.$on(), on));
        }
        throw new UnsupportedStatementException("Plugins must filter the optional side of " + join.getClass().getSimpleName()
                + " but it has no ON clause to put the condition in (NATURAL, USING or APPLY joins): use JOIN … ON instead");
    }

    /**
     * In a FULL join both sides are optional and preserved at once: a condition in ON would bring a
     * hidden row back NULL-extended, one in WHERE would drop the other side's unmatched rows. So each
     * side is filtered before the join, as an inline derived table.
     */
    private Table<?> filteredBeforeJoin(Table<?> side, Operation operation, Nesting nesting, List<TableReference> leaves) {
        List<Condition> conditions = new ArrayList<>();
        Table<?> rewritten = rewriteTable(side, conditions, operation, nesting.role(TableRole.OPTIONAL_SIDE), leaves, nesting);
        if (conditions.isEmpty()) {
            return rewritten;
        }
        if (rewritten instanceof QOM.JoinTable<?, ?>) {
            throw new UnsupportedStatementException("Plugins must filter a nested join inside a FULL JOIN; "
                    + "move the nested join into a derived table");
        }
        return rewritten.where(DSL.and(conditions));
    }

    private static QOM.JoinTable<?, ?> withSides(QOM.JoinTable<?, ?> join, Table<?> left, Table<?> right) {
        QOM.JoinTable<?, ?> result = join;
        if (left != join.$table1()) {
            result = (QOM.JoinTable<?, ?>) result.$table1(left);
        }
        if (right != join.$table2()) {
            result = (QOM.JoinTable<?, ?>) result.$table2(right);
        }
        return result;
    }

    private TableReference leafTarget(Table<?> table) {
        return TableResolver.isLeaf(table) ? TableResolver.resolve(table) : null;
    }

    private void refuseOpaque(Table<?> table) {
        if (failClosed) {
            throw new UnsupportedStatementException("The relation '" + table.getName() + "' is opaque to the executor (a plain-SQL table "
                    + "or a table function), so fail-closed plugins cannot check it: use DSL.table(DSL.name(…)) or generated tables");
        }
    }

    /** Records a table occurrence in the plan; fail-closed plugins must know the relation. */
    private void record(TableReference reference, TableRole role, Operation operation) {
        record(reference, role, operation, RowLock.NONE);
    }

    private void record(TableReference reference, TableRole role, Operation operation, RowLock lock) {
        plan.table(new TableUse(reference, role, operation, lock));
        if (!failClosed || SystemCatalogs.contains(reference)) {
            return;
        }
        for (Registered<Enforcement> enforcement : roles.enforcements) {
            if (!enforcement.role().knows(reference)) {
                throw new UnsupportedStatementException("The relation '" + reference.name() + "' is unknown to the fail-closed plugin '"
                        + enforcement.plugin().name() + "' (it may be a view or function that hides rows from its filters): "
                        + "declare it to the plugin, or use a bypass token");
            }
        }
    }

    // ---------------------------------------------------------------- role calls

    private boolean applies(TableReference table) {
        return roles.enforcesOrApplies(table);
    }

    private boolean hasRules(TableReference table) {
        for (Registered<WriteRule> rule : roles.writeRules) {
            if (rule.plugin().appliesTo(table)) {
                return true;
            }
        }
        return false;
    }

    private List<Condition> conditionsFor(TableReference table, Operation operation) {
        List<Condition> conditions = new ArrayList<>(2);
        for (Registered<RowFilter> filter : roles.rowFilters) {
            if (filter.plugin().appliesTo(table)) {
                filter.role().filter(table, operation, context).ifPresent(condition -> {
                    conditions.add(inlineIfNeeded(condition));
                    plan.changedBy(filter.plugin().name());
                });
            }
        }
        decided(PlanCache.DecisionKind.FILTER, table, operation, conditions, List.of());
        return conditions;
    }

    private List<Assignment> valuesFor(TableReference table, Operation operation) {
        List<Assignment> result = new ArrayList<>(2);
        Set<String> seen = new HashSet<>();
        for (Registered<WriteValues> values : roles.writeValues) {
            if (!values.plugin().appliesTo(table)) {
                continue;
            }
            for (Assignment assignment : values.role().values(table, operation, context)) {
                if (seen.add(assignment.column().toLowerCase(Locale.ROOT))) {
                    result.add(inliner == null ? assignment
                            : new Assignment(assignment.column(), inlineIfNeeded(assignment.value()), assignment.overwrite()));
                    plan.changedBy(values.plugin().name());
                }
            }
        }
        decided(PlanCache.DecisionKind.VALUES, table, operation, List.of(), result);
        return result;
    }

    private void refuseByTransform(TableReference table, Operation operation) {
        for (Registered<StatementTransform> transform : roles.transforms) {
            if (!transform.plugin().appliesTo(table)) {
                continue;
            }
            switch (transform.role().transform(table, operation, context)) {
                case Transform.Refuse refuse -> throw denied(transform, table, operation, refuse.reason());
                case Transform.DeleteAsUpdate asUpdate -> throw new UnsupportedStatementException("Plugin '"
                        + transform.plugin().name() + "' asked to turn a " + operation + " of " + table.name()
                        + " into an UPDATE; only a DELETE can be");
                case Transform.Mark mark -> {
                    if (operation != Operation.UPDATE) {
                        throw new UnsupportedStatementException("Plugin '" + transform.plugin().name() + "' marked a "
                                + operation + " of " + table.name() + " as " + mark.intent() + "; only an UPDATE can be marked");
                    }
                    // The intent lives in the plan, which a cached shape does not carry: never cache a marked UPDATE.
                    unrepeatable = true;
                    plan.changedBy(transform.plugin().name());
                    plan.intent(mark.intent());
                }
                case Transform.Keep keep -> {
                }
            }
        }
        decided(PlanCache.DecisionKind.TRANSFORM, table, operation, List.of(), List.of());
    }

    /**
     * Asks every write rule about a post-image. Refusals are thrown; conditions to enforce in SQL are
     * returned. Images with values bound only at execution are judged then, row by row.
     */
    private List<Condition> judge(TableReference table, Operation operation, PostImage image, String statement) {
        List<Condition> required = new ArrayList<>();
        boolean deferred = image.values().values().stream().anyMatch(WrittenValue.BoundAtExecution.class::isInstance);
        for (Registered<WriteRule> rule : roles.writeRules) {
            if (!rule.plugin().appliesTo(table)) {
                continue;
            }
            plan.changedBy(rule.plugin().name());
            unrepeatable = true;
            if (deferred) {
                plan.defer(new PlanBuilder.DeferredRule(rule, table, operation, image));
                continue;
            }
            switch (rule.role().judge(table, operation, image, context)) {
                case Verdict.Refuse refuse -> throw denied(rule, table, operation, refuse.reason());
                case Verdict.Require require -> required.add(inlineIfNeeded(require.condition()));
                case Verdict.Allow allow -> {
                }
            }
        }
        return required;
    }

    static AccessDeniedException denied(Registered<?> role, TableReference table, Operation operation, String reason) {
        return new AccessDeniedException(role.plugin().name(), table.name(), operation.name().toLowerCase(Locale.ROOT), reason);
    }

    /** Adds a plugin value to a SET map, de-duplicated by unqualified column name. */
    private static void put(Map<FieldOrRow, FieldOrRowOrSelect> set, TableReference table, Assignment assignment, boolean qualify) {
        FieldOrRow existing = findColumn(set, assignment.column());
        if (existing != null && !assignment.overwrite()) {
            return;
        }
        if (existing instanceof Row) {
            throw new UnsupportedStatementException("A plugin must set " + table.name() + "." + assignment.column()
                    + ", which this UPDATE assigns from a row-valued subquery: assign that column on its own");
        }
        if (existing != null) {
            set.remove(existing);
        }
        Field<?> column = qualify ? table.field(assignment.column()) : DSL.field(DSL.name(assignment.column()));
        set.put(column, assignment.value());
    }

    private Condition inlineIfNeeded(Condition condition) {
        return inliner == null ? condition : own(DSL.condition(inliner.renderInlined(condition)));
    }

    /** A bind value becomes an inline literal of the same type, so rules still see it as a constant. */
    @SuppressWarnings("unchecked")
    private Field<?> inlineIfNeeded(Field<?> value) {
        if (inliner == null) {
            return value;
        }
        if (value instanceof Param<?> param) {
            return DSL.inline(param.getValue(), (org.jooq.DataType<Object>) param.getDataType());
        }
        return own(DSL.field(inliner.renderInlined(value), value.getDataType()));
    }

    /** Plain SQL this rewriter wrote itself: not a caller's fragment, so never refused as one. */
    private <P extends QueryPart> P own(P fragment) {
        ownFragments.add(fragment);
        return fragment;
    }

    boolean isOwn(QueryPart fragment) {
        return ownFragments.contains(fragment);
    }

    // ---------------------------------------------------------------- small helpers

    private static FieldOrRow findColumn(Map<FieldOrRow, FieldOrRowOrSelect> set, String column) {
        for (FieldOrRow key : set.keySet()) {
            if (key instanceof Field<?> field && field.getName().equalsIgnoreCase(column)) {
                return key;
            }
            if (key instanceof Row row && indexOf(List.of(row.fields()), column) >= 0) {
                return key;
            }
        }
        return null;
    }

    private static int indexOf(List<? extends Field<?>> columns, String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).getName().equalsIgnoreCase(column)) {
                return i;
            }
        }
        return -1;
    }

    /** The parts of a write that test rows of its target: WHERE, the target's own joins, FROM / USING, ORDER BY. */
    private static List<QueryPart> tests(Condition where, Table<?> target, List<? extends Table<?>> from,
                                         List<? extends QueryPart> orderBy) {
        List<QueryPart> parts = new ArrayList<>(2 + from.size() + orderBy.size());
        parts.add(where);
        if (target instanceof QOM.JoinTable<?, ?>) {
            parts.add(target);
        }
        parts.addAll(from);
        parts.addAll(orderBy);
        return parts;
    }

    private static Condition and(Condition existing, List<Condition> added) {
        List<Condition> all = new ArrayList<>(added.size() + 1);
        if (existing != null) {
            all.add(existing);
        }
        all.addAll(added);
        return DSL.and(all);
    }

    /**
     * Where a statement node sits: its role for tables (null at top level) and the CTE names it sees.
     *
     * @param nestedRole {@code null} for the top-level statement, else SUBQUERY or CTE_BODY
     * @param cteNames   CTE names visible here, lower-cased
     */
    record Nesting(TableRole nestedRole, Set<String> cteNames) {

        static final Nesting TOP = new Nesting(null, Set.of());

        TableRole role(TableRole topLevel) {
            return nestedRole == null ? topLevel : nestedRole;
        }

        /**
         * Whether the reference names a CTE rather than the table. H2 is the exception: it resolves
         * an existing table before a CTE of the same name, so there the reference is the table.
         */
        boolean isCte(TableReference reference, SQLDialect dialect) {
            return reference.schema() == null && dialect.family() != SQLDialect.H2 && cteNames.contains(reference.name());
        }

        /** The names visible in a statement with {@code with}, given these visible around it. */
        Nesting enter(QOM.With with, TableRole role) {
            Set<String> names = new HashSet<>(cteNames);
            if (with != null) {
                for (CommonTableExpression<?> cte : with.$commonTableExpressions()) {
                    names.add(WrittenValues.lower(cte.getName()));
                }
            }
            return new Nesting(role, Set.copyOf(names));
        }

        /**
         * The names visible inside the body of {@code cte} of {@code with}: those around the WITH, the
         * CTEs defined before it, and (in WITH RECURSIVE) all of them.
         */
        Nesting cteBody(QOM.With with, CommonTableExpression<?> cte) {
            Set<String> names = new HashSet<>(cteNames);
            for (CommonTableExpression<?> defined : with.$commonTableExpressions()) {
                if (defined == cte && !with.$recursive()) {
                    break;
                }
                names.add(WrittenValues.lower(defined.getName()));
            }
            return new Nesting(TableRole.CTE_BODY, Set.copyOf(names));
        }
    }
}
