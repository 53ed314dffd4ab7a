package dev.kysera.executor;

import java.util.Map;
import java.util.Set;
import org.jooq.Field;

/**
 * Role: which columns of a table occurrence a statement reads as something other than what is
 * stored (field-level security). Called while a statement is planned, for every occurrence the
 * plugin {@linkplain Plugin#appliesTo applies to} that the statement reads (sources, joins,
 * subqueries, CTE bodies, set-operation branches, INSERT … SELECT sources; the target of an
 * UPDATE or DELETE only to {@linkplain #refuseTested refuse} conditions on its masked columns). The executor then reads that occurrence through a derived table over the same
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
     *
     * @param table   the occurrence being read
     * @param context the context the statement is planned with
     * @return the masks; an unknown column name, or a non-empty map for a table without metadata,
     *         makes the statement fail with {@link UnsupportedStatementException}
     */
    Map<String, Field<?>> masks(TableReference table, PluginContext context);

    /**
     * The refusal of a write whose conditions test masked columns of its own target. The target of
     * an UPDATE or DELETE (also of an upsert's update part) is written, not read through the masks,
     * so a WHERE, join condition, ORDER BY or correlated subquery that tests a column {@link #masks}
     * masks there would see the stored value, and the affected-row count would disclose one bit of
     * it per row. The executor therefore refuses such a statement while it is planned, with the
     * exception returned here; columns are counted conservatively (an unqualified name counts).
     * The default is an {@link UnsupportedStatementException}; plugins return their own typed
     * refusal.
     *
     * @param target    the written occurrence
     * @param operation {@link Operation#UPDATE} or {@link Operation#DELETE}
     * @param columns   the masked columns the statement tests, lower-cased, never empty
     * @param context   the context the statement is planned with
     * @return the exception the statement fails with, never null
     */
    default RuntimeException refuseTested(TableReference target, Operation operation, Set<String> columns, PluginContext context) {
        return new UnsupportedStatementException("The " + operation + " of " + target.name() + " tests masked columns " + columns
                + " of its own target, which would disclose their stored values through the affected-row count");
    }
}
