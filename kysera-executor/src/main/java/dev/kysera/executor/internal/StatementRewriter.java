package dev.kysera.executor.internal;

import dev.kysera.executor.Assignment;
import dev.kysera.executor.Plugin;
import dev.kysera.executor.PluginContext;
import dev.kysera.executor.StatementKind;
import dev.kysera.executor.TableReference;
import dev.kysera.executor.UnsupportedStatementException;
import dev.kysera.executor.Write;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.FieldOrRow;
import org.jooq.FieldOrRowOrSelect;
import org.jooq.Row;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.QOM;

/**
 * Rewrites one statement node (a SELECT, UPDATE, DELETE or INSERT) for the active plugins, returning
 * a copy built with jOOQ's immutable query-model setters; the caller's query object is never
 * changed. Nested SELECTs are separate nodes: jOOQ visits each one, so subqueries, derived tables,
 * CTE bodies and UNION branches are each rewritten on their own. One instance serves one render.
 */
final class StatementRewriter {

    private static final String SOURCE_ALIAS = "kysera_src";

    private final List<Plugin> plugins;
    private final PluginContext context;
    private final SQLDialect dialect;
    private final boolean failClosed;
    /** Set when plugin values must not become bind values (single-statement batches). */
    private final DSLContext inliner;

    private final Deque<Set<String>> cteNames = new ArrayDeque<>();

    StatementRewriter(Scope scope, SQLDialect dialect, boolean inlinePluginValues) {
        this.plugins = scope.active();
        this.context = scope.context(dialect);
        this.dialect = dialect;
        this.failClosed = scope.anyFailClosed();
        this.inliner = inlinePluginValues ? DSL.using(dialect) : null;
    }

    boolean failClosed() {
        return failClosed;
    }

    /** Tracks the CTE names visible in a statement, so references to a CTE are not taken for tables. */
    void enterStatement(QOM.With with) {
        Set<String> names = new HashSet<>(cteNames.isEmpty() ? Set.of() : cteNames.peek());
        if (with != null) {
            for (CommonTableExpression<?> cte : with.$commonTableExpressions()) {
                names.add(cte.getName().toLowerCase(Locale.ROOT));
            }
        }
        cteNames.push(names);
    }

    void exitStatement() {
        cteNames.pop();
    }

    // ---------------------------------------------------------------- SELECT

    Select<?> select(Select<?> select) {
        if (PlainSql.isInsertedRowReadBack(select.$where())) {
            return select;
        }
        List<Condition> where = new ArrayList<>();
        List<? extends Table<?>> from = select.$from();
        List<Table<?>> rewritten = rewriteTables(from, where, StatementKind.SELECT);
        Select<?> result = rewritten == null ? select : select.$from(rewritten);
        return where.isEmpty() ? result : result.$where(and(result.$where(), where));
    }

    // ---------------------------------------------------------------- UPDATE

    QOM.Update<?> update(QOM.Update<?> update) {
        List<Condition> where = new ArrayList<>();
        List<TableReference> targets = new ArrayList<>();
        Table<?> target = rewriteTable(update.$table(), where, StatementKind.UPDATE, targets);
        List<Table<?>> from = rewriteTables(update.$from(), where, StatementKind.SELECT);

        Map<FieldOrRow, FieldOrRowOrSelect> set = new LinkedHashMap<>(update.$set());
        // With more than one table in play (multi-table UPDATE, UPDATE … FROM) a bare column may be ambiguous.
        boolean qualify = targets.size() > 1 || !update.$from().isEmpty();
        for (TableReference table : targets) {
            applyAssignments(table, StatementKind.UPDATE, set, qualify);
            check(table, new Write(StatementKind.UPDATE, valuesByName(set), false));
        }

        QOM.Update<?> result = update.$set(set);
        if (target != update.$table()) {
            result = result.$table(target);
        }
        if (from != null) {
            result = result.$from(from);
        }
        return where.isEmpty() ? result : result.$where(and(result.$where(), where));
    }

    // ---------------------------------------------------------------- DELETE

    org.jooq.Query delete(QOM.Delete<?> delete) {
        Table<?> target = delete.$from();
        TableReference reference = TableResolver.isLeaf(target) ? TableResolver.resolve(target) : null;
        if (reference != null) {
            Optional<org.jooq.Query> replacement = deleteAsUpdate(delete, reference);
            if (replacement.isPresent()) {
                return replacement.get();
            }
        }
        List<Condition> where = new ArrayList<>();
        Table<?> rewrittenTarget = rewriteTable(target, where, StatementKind.DELETE, new ArrayList<>());
        List<Table<?>> using = rewriteTables(delete.$using(), where, StatementKind.SELECT);
        QOM.Delete<?> result = rewrittenTarget == target ? delete : delete.$from(rewrittenTarget);
        if (using != null) {
            result = result.$using(using);
        }
        return where.isEmpty() ? result : result.$where(and(result.$where(), where));
    }

    private Optional<org.jooq.Query> deleteAsUpdate(QOM.Delete<?> delete, TableReference reference) {
        for (Plugin plugin : plugins) {
            if (!plugin.appliesTo(reference)) {
                continue;
            }
            Optional<List<Assignment>> assignments = plugin.deleteAsUpdate(reference, context);
            if (assignments.isPresent()) {
                if (!delete.$orderBy().isEmpty() || delete.$limit() != null) {
                    throw new UnsupportedStatementException("DELETE … ORDER BY/LIMIT on " + reference.name()
                            + " cannot be turned into an UPDATE by plugin '" + plugin.name() + "'");
                }
                Map<Field<?>, Field<?>> set = new LinkedHashMap<>();
                assignments.get().forEach(a -> set.put(DSL.field(DSL.name(a.column())), a.value()));
                var update = DSL.update(delete.$from()).set(set);
                org.jooq.Query asUpdate = delete.$using().isEmpty()
                        ? update.where(orTrue(delete.$where()))
                        : update.from(delete.$using()).where(orTrue(delete.$where()));
                return Optional.of(update((QOM.Update<?>) asUpdate));
            }
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- INSERT

    QOM.Insert<?> insert(QOM.Insert<?> insert) {
        Table<?> into = insert.$into();
        TableReference table = TableResolver.isLeaf(into) ? TableResolver.resolve(into) : null;
        if (table == null || isCte(table)) {
            return insert;
        }
        List<Assignment> assignments = assignmentsFor(table, StatementKind.INSERT);
        QOM.Insert<?> result = insert;
        if (!assignments.isEmpty()) {
            result = insert.$select() != null ? insertSelect(insert, table, assignments) : insertValues(insert, table, assignments);
        } else {
            checkInsertRows(insert, table);
        }
        return upsert(result, table);
    }

    private QOM.Insert<?> insertValues(QOM.Insert<?> insert, TableReference table, List<Assignment> assignments) {
        List<Field<?>> columns = new ArrayList<>(insert.$columns());
        List<List<Field<?>>> rows = new ArrayList<>();
        if (insert.$defaultValues() || insert.$values().isEmpty()) {
            rows.add(new ArrayList<>());
        } else {
            for (Row row : insert.$values()) {
                rows.add(new ArrayList<>(List.of(row.fields())));
            }
        }
        for (Assignment assignment : assignments) {
            int index = indexOf(columns, assignment.column());
            if (index < 0) {
                columns.add(DSL.field(DSL.name(assignment.column())));
                rows.forEach(row -> row.add(assignment.value()));
            } else if (assignment.overwrite()) {
                rows.forEach(row -> row.set(index, assignment.value()));
            }
        }
        for (List<Field<?>> row : rows) {
            check(table, new Write(StatementKind.INSERT, zip(columns, row), false));
        }
        return insert.$defaultValues(false).$columns(columns).$values(rows.stream().map(DSL::row).toList());
    }

    private QOM.Insert<?> insertSelect(QOM.Insert<?> insert, TableReference table, List<Assignment> assignments) {
        List<Field<?>> columns = new ArrayList<>(insert.$columns());
        if (columns.isEmpty()) {
            throw new UnsupportedStatementException("INSERT INTO " + table.name()
                    + " … SELECT needs an explicit column list while plugins add values to it");
        }
        String[] sourceColumns = new String[columns.size()];
        for (int i = 0; i < sourceColumns.length; i++) {
            sourceColumns[i] = "c" + i;
        }
        Table<?> source = insert.$select().asTable(SOURCE_ALIAS, sourceColumns);
        List<Field<?>> selected = new ArrayList<>();
        for (String column : sourceColumns) {
            selected.add(DSL.field(DSL.name(SOURCE_ALIAS, column)));
        }
        Map<String, Field<?>> known = new LinkedHashMap<>();
        for (Assignment assignment : assignments) {
            int index = indexOf(columns, assignment.column());
            if (index < 0) {
                columns.add(DSL.field(DSL.name(assignment.column())));
                selected.add(assignment.value());
            } else if (assignment.overwrite()) {
                selected.set(index, assignment.value());
            } else {
                continue;
            }
            known.put(assignment.column().toLowerCase(Locale.ROOT), assignment.value());
        }
        check(table, new Write(StatementKind.INSERT, known, true));
        return insert.$columns(columns).$select(DSL.select(selected).from(source));
    }

    private void checkInsertRows(QOM.Insert<?> insert, TableReference table) {
        if (insert.$select() != null) {
            check(table, new Write(StatementKind.INSERT, Map.of(), true));
            return;
        }
        List<Field<?>> columns = List.copyOf(insert.$columns());
        for (Row row : insert.$values()) {
            check(table, new Write(StatementKind.INSERT, zip(columns, List.of(row.fields())), false));
        }
    }

    /** The update part of ON CONFLICT DO UPDATE / ON DUPLICATE KEY UPDATE gets UPDATE's treatment. */
    private QOM.Insert<?> upsert(QOM.Insert<?> insert, TableReference table) {
        if (insert.$updateSet().isEmpty()) {
            return insert;
        }
        Map<FieldOrRow, FieldOrRowOrSelect> set = new LinkedHashMap<>(insert.$updateSet());
        applyAssignments(table, StatementKind.UPDATE, set, false);
        check(table, new Write(StatementKind.UPDATE, valuesByName(set), false));
        List<Condition> visibility = conditionsFor(table, StatementKind.UPDATE);
        QOM.Insert<?> result = insert.$updateSet(set);
        if (visibility.isEmpty()) {
            return result;
        }
        if (!supportsUpsertWhere()) {
            throw new UnsupportedStatementException("An upsert into " + table.name() + " would update rows that plugins hide, and "
                    + dialect.family() + " cannot filter the update part (no WHERE on ON DUPLICATE KEY UPDATE); "
                    + "check for the row first or run the upsert without those plugins");
        }
        return result.$updateWhere(and(result.$updateWhere(), visibility));
    }

    private boolean supportsUpsertWhere() {
        return switch (dialect.family()) {
            case POSTGRES, SQLITE, H2 -> true;
            default -> false;
        };
    }

    // ---------------------------------------------------------------- MERGE and opaque statements

    void refuseMerge(QOM.Merge<?> merge) {
        Table<?> into = merge.$into();
        TableReference table = TableResolver.isLeaf(into) ? TableResolver.resolve(into) : null;
        if (table == null || plugins.stream().anyMatch(p -> p.appliesTo(table))) {
            throw new UnsupportedStatementException("MERGE into " + (table == null ? into.getName() : table.name())
                    + " is not supported while plugins apply to it: use INSERT … ON CONFLICT / repository upsert instead");
        }
    }

    // ---------------------------------------------------------------- tables and joins

    /** Rewrites a FROM list; returns {@code null} when no table changed. Conditions go to {@code sink}. */
    private List<Table<?>> rewriteTables(List<? extends Table<?>> tables, List<Condition> sink, StatementKind kind) {
        List<Table<?>> result = null;
        for (int i = 0; i < tables.size(); i++) {
            Table<?> table = tables.get(i);
            Table<?> rewritten = rewriteTable(table, sink, kind, null);
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
    private Table<?> rewriteTable(Table<?> table, List<Condition> sink, StatementKind kind, List<TableReference> leaves) {
        if (table instanceof QOM.JoinTable<?, ?> join) {
            return rewriteJoin(join, sink, kind, leaves);
        }
        if (!TableResolver.isLeaf(table)) {
            return table;
        }
        TableReference reference = TableResolver.resolve(table);
        if (reference == null) {
            refuseOpaque(table);
            return table;
        }
        if (isCte(reference)) {
            return table;
        }
        if (leaves != null) {
            leaves.add(reference);
        }
        sink.addAll(conditionsFor(reference, kind));
        return table;
    }

    private Table<?> rewriteJoin(QOM.JoinTable<?, ?> join, List<Condition> sink, StatementKind kind, List<TableReference> leaves) {
        if (JoinSide.of(join) == JoinSide.FULL) {
            return rewriteFullJoin(join, kind, leaves);
        }
        JoinSide side = JoinSide.of(join);
        List<Condition> on = new ArrayList<>();
        Table<?> left = rewriteTable(join.$table1(), side.leftOptional() ? on : sink, kind, leaves);
        Table<?> right = rewriteTable(join.$table2(), side.rightOptional() ? on : sink, kind, leaves);
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
    private Table<?> rewriteFullJoin(QOM.JoinTable<?, ?> join, StatementKind kind, List<TableReference> leaves) {
        return withSides(join, filteredBeforeJoin(join.$table1(), kind, leaves), filteredBeforeJoin(join.$table2(), kind, leaves));
    }

    private Table<?> filteredBeforeJoin(Table<?> side, StatementKind kind, List<TableReference> leaves) {
        List<Condition> conditions = new ArrayList<>();
        Table<?> rewritten = rewriteTable(side, conditions, kind, leaves);
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

    private void refuseOpaque(Table<?> table) {
        if (failClosed && TableResolver.isPlainSql(table)) {
            throw new UnsupportedStatementException("The plain-SQL table '" + table.getName()
                    + "' cannot be checked by fail-closed plugins: use DSL.table(DSL.name(…)) or generated tables");
        }
    }

    /**
     * Whether the reference names a CTE rather than the table. H2 is the exception: it resolves an
     * existing table before a CTE of the same name, so there the reference is the table.
     */
    private boolean isCte(TableReference reference) {
        return reference.schema() == null && dialect.family() != SQLDialect.H2
                && !cteNames.isEmpty() && cteNames.peek().contains(reference.name());
    }

    // ---------------------------------------------------------------- plugin calls

    private List<Condition> conditionsFor(TableReference table, StatementKind kind) {
        List<Condition> conditions = new ArrayList<>(2);
        for (Plugin plugin : plugins) {
            if (plugin.appliesTo(table)) {
                plugin.visibility(table, kind, context).map(this::inlineIfNeeded).ifPresent(conditions::add);
            }
        }
        return conditions;
    }

    private List<Assignment> assignmentsFor(TableReference table, StatementKind kind) {
        List<Assignment> result = new ArrayList<>(2);
        Set<String> seen = new HashSet<>();
        for (Plugin plugin : plugins) {
            if (plugin.appliesTo(table)) {
                for (Assignment assignment : plugin.assignments(table, kind, context)) {
                    if (seen.add(assignment.column().toLowerCase(Locale.ROOT))) {
                        result.add(inliner == null ? assignment
                                : new Assignment(assignment.column(), inlineIfNeeded(assignment.value()), assignment.overwrite()));
                    }
                }
            }
        }
        return result;
    }

    /** Adds plugin assignments to a SET map, de-duplicated by unqualified column name. */
    private void applyAssignments(TableReference table, StatementKind kind, Map<FieldOrRow, FieldOrRowOrSelect> set, boolean qualify) {
        for (Assignment assignment : assignmentsFor(table, kind)) {
            FieldOrRow existing = findColumn(set, assignment.column());
            if (existing != null && !assignment.overwrite()) {
                continue;
            }
            if (existing != null) {
                set.remove(existing);
            }
            Field<?> column = qualify ? table.field(assignment.column()) : DSL.field(DSL.name(assignment.column()));
            set.put(column, assignment.value());
        }
    }

    private void check(TableReference table, Write write) {
        for (Plugin plugin : plugins) {
            if (plugin.appliesTo(table)) {
                plugin.check(table, write, context);
            }
        }
    }

    private Condition inlineIfNeeded(Condition condition) {
        return inliner == null ? condition : DSL.condition(inliner.renderInlined(condition));
    }

    private Field<?> inlineIfNeeded(Field<?> value) {
        return inliner == null ? value : DSL.field(inliner.renderInlined(value), value.getDataType());
    }

    // ---------------------------------------------------------------- small helpers

    private static FieldOrRow findColumn(Map<FieldOrRow, FieldOrRowOrSelect> set, String column) {
        for (FieldOrRow key : set.keySet()) {
            if (key instanceof Field<?> field && field.getName().equalsIgnoreCase(column)) {
                return key;
            }
        }
        return null;
    }

    private static Map<String, Field<?>> valuesByName(Map<FieldOrRow, FieldOrRowOrSelect> set) {
        Map<String, Field<?>> values = new LinkedHashMap<>();
        set.forEach((key, value) -> {
            if (key instanceof Field<?> column && value instanceof Field<?> field) {
                values.put(column.getName().toLowerCase(Locale.ROOT), field);
            }
        });
        return values;
    }

    private static Map<String, Field<?>> zip(List<Field<?>> columns, List<Field<?>> values) {
        Map<String, Field<?>> result = new LinkedHashMap<>();
        for (int i = 0; i < columns.size() && i < values.size(); i++) {
            result.put(columns.get(i).getName().toLowerCase(Locale.ROOT), values.get(i));
        }
        return result;
    }

    private static int indexOf(List<Field<?>> columns, String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).getName().equalsIgnoreCase(column)) {
                return i;
            }
        }
        return -1;
    }

    private static Condition and(Condition existing, List<Condition> added) {
        List<Condition> all = new ArrayList<>(added.size() + 1);
        if (existing != null) {
            all.add(existing);
        }
        all.addAll(added);
        return DSL.and(all);
    }

    private static Condition orTrue(Condition condition) {
        return condition == null ? DSL.noCondition() : condition;
    }
}
