package dev.kysera.repository.internal;

import dev.kysera.executor.Executor;
import dev.kysera.repository.Values;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** Multi-row INSERT … RETURNING, chunked below the databases' bind-parameter limits. */
final class Inserts {

    /**
     * Bind values per statement. PostgreSQL and MariaDB allow 65,535, SQLite 32,766; plugins may add
     * a few columns per row, which {@link #PLUGIN_COLUMN_ALLOWANCE} leaves room for.
     */
    private static final int MAX_BIND_VALUES = 30_000;
    private static final int PLUGIN_COLUMN_ALLOWANCE = 8;

    private Inserts() {
    }

    /**
     * Inserts the rows (which must set the same columns) in one statement and returns them as
     * stored, in input order: {@code INSERT … RETURNING} on PostgreSQL, MariaDB and SQLite (the
     * executor sends SQLite's own, not jOOQ's one-row read-back), H2's {@code FINAL TABLE}. The databases return a
     * multi-row VALUES list's rows in the order of the list (tested on all four).
     */
    static List<Record> insertReturning(DSLContext dsl, Table<?> table, List<Values> rows, List<Field<?>> returning) {
        List<Field<?>> columns = List.copyOf(rows.getFirst().asMap().keySet());
        if (columns.isEmpty()) {
            return List.of(dsl.insertInto(table).defaultValues().returningResult(returning).fetchOne());
        }
        InsertValuesStepN<?> insert = dsl.insertInto(table).columns(columns);
        for (Values row : rows) {
            insert = insert.values(orderedValues(row, columns));
        }
        return new ArrayList<>(insert.returningResult(returning).fetch());
    }

    /**
     * Inserts all rows or none: rows are grouped by the columns they set and each group is inserted
     * in chunks. One statement on PostgreSQL, MariaDB/MySQL or SQLite is atomic by itself; anything
     * else runs in one transaction (a savepoint if one is open), also a single statement on H2,
     * which does not undo a partly failed multi-row INSERT. The result follows the input order.
     */
    static List<Record> insertAllOrNothing(Executor executor, RepositoryShapes shapes, Table<?> table, List<Values> rows,
                                           List<Field<?>> returning) {
        List<Field<?>> columns = List.copyOf(rows.getFirst().asMap().keySet());
        // Without plugins nothing is planned, so no shape runs fast: chunks would only add statements.
        if (rows.size() > 1 && !executor.activePlugins().isEmpty() && shapedReturning(executor.dsl().dialect())
                && shapes.insert(columns) != null && allInOrder(rows, columns)) {
            return insertShaped(executor, shapes, rows, columns);
        }
        List<List<Integer>> batches = batches(rows);
        if (rows.size() == 1 || batches.size() == 1 && singleStatementIsAtomic(executor.dsl().dialect())) {
            return insertReturning(executor.dsl(), table, rows, returning);
        }
        return executor.transactionResult(tx -> {
            DSLContext dsl = tx.dsl();
            Record[] result = new Record[rows.size()];
            for (List<Integer> batch : batches) {
                List<Record> stored = insertReturning(dsl, table, batch.stream().map(rows::get).toList(), returning);
                for (int i = 0; i < batch.size(); i++) {
                    result[batch.get(i)] = stored.get(i);
                }
            }
            return Arrays.asList(result);
        });
    }

    /**
     * Where a multi-row {@code INSERT … RETURNING} is one statement whose result set is the rows in
     * VALUES order, so the executor can run it as a shape; H2 (a SELECT around the INSERT) and
     * MySQL (whose emulation reads back generated ids) keep jOOQ's one statement per group.
     */
    private static boolean shapedReturning(SQLDialect dialect) {
        return switch (dialect.family()) {
            case POSTGRES, MARIADB, SQLITE -> true;
            default -> false;
        };
    }

    /**
     * The rows (all setting {@code columns} in that order) as multi-row INSERT shapes: full chunks
     * of the largest power-of-two row count within {@link RepositoryShapes#MAX_CHUNK} and the bind
     * limit, then the remainder in chunks of its binary digits, highest first, so each column set
     * has a bounded number of shapes. More than one statement run in one transaction.
     */
    private static List<Record> insertShaped(Executor executor, RepositoryShapes shapes, List<Values> rows, List<Field<?>> columns) {
        int perStatement = Math.max(1, MAX_BIND_VALUES / (columns.size() + PLUGIN_COLUMN_ALLOWANCE));
        int full = Integer.highestOneBit(Math.min(RepositoryShapes.MAX_CHUNK, perStatement));
        List<Integer> sizes = new ArrayList<>();
        int remaining = rows.size();
        for (; remaining >= full; remaining -= full) {
            sizes.add(full);
        }
        for (int size = Integer.highestOneBit(Math.max(remaining, 1)); size > 0 && remaining > 0; size >>= 1) {
            if ((remaining & size) != 0) {
                sizes.add(size);
            }
        }
        if (sizes.size() == 1) {
            return runChunk(executor, shapes, rows, columns, 0, sizes.getFirst());
        }
        return executor.transactionResult(tx -> {
            List<Record> stored = new ArrayList<>(rows.size());
            for (int size : sizes) {
                stored.addAll(runChunk(tx, shapes, rows, columns, stored.size(), size));
            }
            return stored;
        });
    }

    private static List<Record> runChunk(Executor executor, RepositoryShapes shapes, List<Values> rows, List<Field<?>> columns, int from,
                                         int size) {
        Object[] values = new Object[size * columns.size()];
        int next = 0;
        for (int row = from; row < from + size; row++) {
            for (Object value : rows.get(row).asMap().values()) {
                values[next++] = value;
            }
        }
        List<Record> stored = executor.fetch(shapes.insert(columns, size), values);
        if (stored.size() != size) {
            // Never pair inputs with rows by guesswork: the ids would belong to other rows.
            throw new IllegalStateException("INSERT of " + size + " rows returned " + stored.size() + " rows");
        }
        return stored;
    }

    private static boolean allInOrder(List<Values> rows, List<Field<?>> columns) {
        for (Values row : rows) {
            if (!sameOrder(row.asMap().keySet(), columns)) {
                return false;
            }
        }
        return true;
    }

    /** SQLite's default conflict resolution (ABORT) backs out every change of the failing statement. */
    private static boolean singleStatementIsAtomic(SQLDialect dialect) {
        return switch (dialect.family()) {
            case POSTGRES, MARIADB, MYSQL, SQLITE -> true;
            default -> false;
        };
    }

    /** Row indexes grouped by the set of columns they write, each group cut into chunks. */
    private static List<List<Integer>> batches(List<Values> rows) {
        Map<Set<String>, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Set<String> columns = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            rows.get(i).asMap().keySet().forEach(column -> columns.add(column.getName()));
            groups.computeIfAbsent(columns, key -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> batches = new ArrayList<>();
        groups.forEach((columns, indexes) -> {
            int perStatement = Math.max(1, MAX_BIND_VALUES / (columns.size() + PLUGIN_COLUMN_ALLOWANCE));
            for (int from = 0; from < indexes.size(); from += perStatement) {
                batches.add(indexes.subList(from, Math.min(indexes.size(), from + perStatement)));
            }
        });
        return batches;
    }

    private static List<Object> orderedValues(Values row, List<Field<?>> columns) {
        Map<Field<?>, Object> map = row.asMap();
        if (sameOrder(map.keySet(), columns)) {
            return new ArrayList<>(map.values());
        }
        List<Object> values = new ArrayList<>(columns.size());
        for (Field<?> column : columns) {
            values.add(row.get(column).orElse(null));
        }
        return values;
    }

    /** Rows built by the same code set their columns in the same order: the common, cheap case. */
    private static boolean sameOrder(Set<Field<?>> keys, List<Field<?>> columns) {
        if (keys.size() != columns.size()) {
            return false;
        }
        int i = 0;
        for (Field<?> key : keys) {
            if (!key.getName().equalsIgnoreCase(columns.get(i++).getName())) {
                return false;
            }
        }
        return true;
    }
}
