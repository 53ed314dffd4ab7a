package dev.kysera.executor;

import java.util.Map;
import org.jooq.Field;

/**
 * Role: which columns of a table occurrence a statement reads as something other than what is
 * stored (field-level security). Called while a statement is planned, for every occurrence the
 * plugin {@linkplain Plugin#appliesTo applies to} that the statement reads (sources, joins,
 * subqueries, CTE bodies, set-operation branches, INSERT … SELECT sources; not the target of an
 * UPDATE or DELETE). The executor then reads that occurrence through a derived table over the same
 * table and alias, {@code (select id, <mask> as email, … from posts as p where <filters>) as p},
 * so every reference to a masked column — select list, {@code *}, WHERE, ORDER BY, GROUP BY,
 * subqueries — sees the mask, never the stored value. A table whose columns jOOQ does not know
 * ({@code DSL.table(name)}, parsed plain SQL) cannot be rewritten so: a non-empty mask for it is
 * refused with {@link UnsupportedStatementException}. Must be a pure function of its arguments.
 */
@FunctionalInterface
public interface ColumnMask {

    /**
     * The masked columns of this occurrence: lower-cased column name → the expression read instead,
     * built over the occurrence's own columns ({@link TableReference#field}); empty when every
     * column reads as stored.
     */
    Map<String, Field<?>> masks(TableReference table, PluginContext context);
}
