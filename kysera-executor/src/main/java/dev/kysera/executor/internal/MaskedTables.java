package dev.kysera.executor.internal;

import dev.kysera.executor.ColumnMask;
import dev.kysera.executor.Operation;
import dev.kysera.executor.PluginContext;
import dev.kysera.executor.TableReference;
import dev.kysera.executor.UnsupportedStatementException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jooq.Field;
import org.jooq.QueryPart;
import org.jooq.SQLDialect;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Applies {@link ColumnMask}s: a read occurrence with masked columns becomes a derived table over
 * the same physical table under a fresh inner alias, with the masks in its select list, so every
 * reference the statement makes to the occurrence sees the masks. The inner SELECT is planned like
 * any nested one (row filters apply there); its table is remembered so it is not masked twice.
 * One instance per statement render.
 */
final class MaskedTables {

    private final List<Registered<ColumnMask>> masks;
    private final PluginContext context;
    private final UnaryOperator<Field<?>> inliner;
    private final Set<Table<?>> inner = Collections.newSetFromMap(new IdentityHashMap<>());

    /** @param inliner makes plugin values inline where bind values must not be added */
    MaskedTables(List<Registered<ColumnMask>> masks, PluginContext context, UnaryOperator<Field<?>> inliner) {
        this.masks = masks;
        this.context = context;
        this.inliner = inliner;
    }

    /**
     * Refuses a write whose {@code parts} (its conditions, joins, ordering) test columns that a mask
     * hides on its own target, which is written and not read through the masks: with the refusal of
     * the mask's plugin ({@link ColumnMask#refuseTested}).
     */
    void refuseTested(TableReference target, Operation operation, SQLDialect dialect, List<? extends QueryPart> parts) {
        Set<String> tested = null;
        for (Registered<ColumnMask> mask : masks) {
            if (!mask.plugin().appliesTo(target)) {
                continue;
            }
            Map<String, Field<?>> own = mask.role().masks(target, context);
            if (own.isEmpty()) {
                continue;
            }
            if (tested == null) {
                tested = TestedColumns.of(target, dialect, parts);
            }
            Set<String> hidden = new TreeSet<>();
            for (String column : own.keySet()) {
                if (tested.contains(column.toLowerCase(Locale.ROOT))) {
                    hidden.add(column.toLowerCase(Locale.ROOT));
                }
            }
            if (!hidden.isEmpty()) {
                throw Objects.requireNonNull(mask.role().refuseTested(target, operation, Set.copyOf(hidden), context),
                        () -> "plugin '" + mask.plugin().name() + "' returned no refusal");
            }
        }
    }

    /**
     * The occurrence read through its masks, or {@code null} when no mask applies. An alias that
     * renames columns becomes a derived table over the unaliased table, whose own SELECT is masked.
     *
     * @throws UnsupportedStatementException when masks apply to a table whose columns jOOQ does not know
     */
    Table<?> masked(Table<?> table, TableReference reference, Consumer<String> changedBy) {
        if (masks.isEmpty() || inner.contains(table)) {
            return null;
        }
        Table<?> physical = TableResolver.unaliased(table);
        String innerAlias = "kysera_m" + (inner.size() + 1);
        Table<?> innerTable = physical.as(innerAlias);
        TableReference innerReference = new TableReference(reference.schema(), reference.name(), DSL.name(innerAlias), innerTable);
        Map<String, Field<?>> found = new HashMap<>();
        for (Registered<ColumnMask> mask : masks) {
            if (mask.plugin().appliesTo(reference)) {
                Map<String, Field<?>> own = mask.role().masks(innerReference, context);
                if (!own.isEmpty()) {
                    own.forEach((column, expression) -> found.putIfAbsent(column.toLowerCase(Locale.ROOT), inliner.apply(expression)));
                    changedBy.accept(mask.plugin().name());
                }
            }
        }
        if (found.isEmpty()) {
            return null;
        }
        if (ColumnAliases.renamesColumns(table)) {
            return ColumnAliases.filteredInside(table);
        }
        Field<?>[] columns = physical.fields();
        if (columns.length == 0) {
            throw new UnsupportedStatementException("Plugins mask columns of '" + reference.name() + "', but jOOQ does not know its "
                    + "columns here (DSL.table(name) or parsed plain SQL), so the masks cannot be applied: use the generated table");
        }
        List<SelectField<?>> select = new ArrayList<>(columns.length);
        for (Field<?> column : columns) {
            Field<?> masked = found.remove(column.getName().toLowerCase(Locale.ROOT));
            select.add((masked != null ? masked : innerReference.field(column.getName(), column.getDataType())).as(column.getName()));
        }
        if (!found.isEmpty()) {
            throw new UnsupportedStatementException("Plugins mask columns " + found.keySet() + " that table '" + reference.name()
                    + "' does not have");
        }
        inner.add(innerTable);
        return DSL.select(select).from(innerTable).asTable(reference.reference().last());
    }
}
