package dev.kysera.repository.internal;

import dev.kysera.executor.StatementShape;
import dev.kysera.repository.PrimaryKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The statement shapes of one repository definition, made once and shared by every copy bound to
 * another executor: the executor plans each once and then runs it without jOOQ's rendering.
 */
final class RepositoryShapes {

    /** The class of {@link PrimaryKey#of}'s keys, whose {@code matches} is exactly {@code column = ?}. */
    private static final Class<?> SINGLE_COLUMN_KEY = PrimaryKey.of(DSL.field("id")).getClass();

    /** Column sets of {@code create} kept as shapes; inputs setting yet other columns run without one. */
    private static final int INSERT_SHAPES = 16;
    /**
     * Most rows of one multi-row INSERT shape: {@code createMany} inserts full chunks of this many
     * rows, the remainder in chunks of the powers of two it is made of, so a column set has at most
     * {@code log2(MAX_CHUNK) + 1} shapes.
     */
    static final int MAX_CHUNK = 128;

    /** {@code findById}'s SELECT; null for keys whose condition the repository does not know. */
    final StatementShape findById;
    private final Definition<?, ?, ?, ?> definition;
    /** Per column set, the INSERT shapes of 1, 2, 4, … {@value #MAX_CHUNK} rows (index log2 of the rows). */
    private final Map<List<Field<?>>, AtomicReferenceArray<StatementShape>> inserts = new ConcurrentHashMap<>();

    RepositoryShapes(Definition<?, ?, ?, ?> definition) {
        this.definition = definition;
        this.findById = definition.key().getClass() == SINGLE_COLUMN_KEY ? findById(definition, definition.key().fields().getFirst())
                : null;
    }

    /** What {@code findOne(key.matches(id))} runs, the id as the shape's value 0. */
    private static StatementShape findById(Definition<?, ?, ?, ?> definition, Field<?> column) {
        List<Field<?>> columns = definition.columns();
        return StatementShape.of((dsl, arguments) -> {
            var query = dsl.select(columns).from(definition.table()).where(matches(column, arguments));
            // As findOne: a literal LIMIT on SQLite (sqlite-jdbc prepares a bound LIMIT on every run).
            return dsl.dialect().family() == SQLDialect.SQLITE ? query.limit(DSL.inline(1)) : query.limit(1);
        });
    }

    /**
     * {@code create}'s one-row {@code INSERT … RETURNING} of these columns (values 0… in column
     * order), as {@code Inserts.insertReturning} builds it; null for no columns, or once
     * {@value #INSERT_SHAPES} column sets have shapes.
     */
    StatementShape insert(List<Field<?>> columns) {
        return insert(columns, 1);
    }

    /**
     * The {@code INSERT … RETURNING} of {@code rows} rows of these columns (values row by row, each
     * in column order), {@code rows} a power of two up to {@value #MAX_CHUNK}; null as for
     * {@link #insert(List)}.
     */
    StatementShape insert(List<Field<?>> columns, int rows) {
        AtomicReferenceArray<StatementShape> sizes = inserts.get(columns);
        if (sizes == null) {
            if (columns.isEmpty() || inserts.size() >= INSERT_SHAPES) {
                return null;
            }
            sizes = inserts.computeIfAbsent(List.copyOf(columns), key -> new AtomicReferenceArray<>(Integer.numberOfTrailingZeros(MAX_CHUNK) + 1));
        }
        int index = Integer.numberOfTrailingZeros(rows);
        StatementShape shape = sizes.get(index);
        if (shape == null) {
            sizes.compareAndSet(index, null, insertShape(List.copyOf(columns), rows));
            shape = sizes.get(index);
        }
        return shape;
    }

    private StatementShape insertShape(List<Field<?>> columns, int rows) {
        List<Field<?>> returning = definition.columns();
        return StatementShape.of((dsl, arguments) -> {
            var insert = dsl.insertInto(definition.table()).columns(columns);
            int value = 0;
            for (int row = 0; row < rows; row++) {
                Field<?>[] values = new Field<?>[columns.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = arguments.value(value++, columns.get(i));
                }
                insert = insert.values(values);
            }
            return insert.returningResult(returning);
        });
    }

    private static <X> org.jooq.Condition matches(Field<X> column, StatementShape.Arguments arguments) {
        return column.eq(arguments.value(0, column));
    }
}
