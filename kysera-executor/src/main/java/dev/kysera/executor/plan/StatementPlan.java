package dev.kysera.executor.plan;

import dev.kysera.executor.Operation;
import dev.kysera.executor.StatementKind;
import dev.kysera.executor.TableReference;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one statement does, as planned before it ran, after plugins changed it. Immutable.
 *
 * @param kind        what the database runs
 * @param writtenKind what the caller wrote (a DELETE that soft delete turned into an UPDATE is {@code DELETE})
 * @param target      the table an INSERT, UPDATE, DELETE or MERGE writes; {@code null} otherwise
 * @param tables      every physical table occurrence, nested ones included, in render order
 * @param writes      every row image written, with plugins' values
 * @param upsert      whether an INSERT may update instead (ON CONFLICT / ON DUPLICATE KEY)
 * @param fromSelect  whether an INSERT takes its rows from a SELECT
 * @param plainSql    whether the statement was plain SQL, parsed by the executor
 * @param hasWith     whether it has a WITH clause
 * @param returning   whether it returns rows it wrote (RETURNING, or jOOQ's emulation)
 * @param changedBy   names of the plugins that changed or judged the statement, in run order
 * @param intent      what the write means, as the plugins that changed it declared ({@link WriteIntent#AS_WRITTEN}
 *                    unless a DELETE became an UPDATE or a plugin marked the UPDATE)
 */
public record StatementPlan(StatementKind kind, StatementKind writtenKind, TableReference target, List<TableUse> tables,
                            List<RowWrite> writes, boolean upsert, boolean fromSelect, boolean plainSql, boolean hasWith,
                            boolean returning, List<String> changedBy, WriteIntent intent) {

    /**
     * Copies the lists and validates the plan.
     *
     * @throws NullPointerException if {@code kind}, {@code writtenKind}, {@code intent} or a list is null
     */
    public StatementPlan {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(writtenKind, "writtenKind");
        tables = List.copyOf(tables);
        writes = List.copyOf(writes);
        changedBy = List.copyOf(changedBy);
        Objects.requireNonNull(intent, "intent");
    }

    /**
     * A plan for a statement the executor does not model (DDL, TRUNCATE, unreadable plain SQL), or
     * one refused before it was planned.
     *
     * @param plainSql whether the statement was plain SQL
     * @return a plan of kind {@link StatementKind#OTHER} with no tables and no writes
     */
    public static StatementPlan opaque(boolean plainSql) {
        return new StatementPlan(StatementKind.OTHER, StatementKind.OTHER, null, List.of(), List.of(), false, false, plainSql,
                false, false, List.of(), WriteIntent.AS_WRITTEN);
    }

    /**
     * The written table.
     *
     * @return {@link #target()} for INSERT, UPDATE, DELETE and MERGE; empty otherwise
     */
    public Optional<TableReference> targetTable() {
        return Optional.ofNullable(target);
    }

    /**
     * Whether the statement writes rows ({@code INSERT}, {@code UPDATE}, {@code DELETE}, {@code MERGE}).
     *
     * @return true if it has a target; false for queries and for statements the executor does not model
     */
    public boolean isWrite() {
        return target != null;
    }

    /**
     * What the statement does to its target's rows: a soft-deleting UPDATE is a DELETE.
     *
     * @return the operation of the first {@link TableRole#TARGET} occurrence; empty without a target
     */
    public Optional<Operation> targetOperation() {
        return tables.stream().filter(use -> use.role() == TableRole.TARGET).map(TableUse::operation).findFirst();
    }

    /**
     * Whether the statement locks rows it reads ({@code SELECT … FOR UPDATE} and its weaker forms).
     *
     * @return true if an occurrence is {@linkplain TableUse#locked() locked}
     */
    public boolean locksRows() {
        return tables.stream().anyMatch(TableUse::locked);
    }

    /**
     * Whether the statement names this physical table anywhere, nested occurrences included.
     *
     * @param table an unqualified table name, any case
     * @return true if an occurrence {@linkplain TableReference#is is} that table
     */
    public boolean uses(String table) {
        return tables.stream().anyMatch(use -> use.table().is(table));
    }
}
