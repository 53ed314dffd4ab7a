package dev.kysera.repository.internal;

import dev.kysera.executor.StatementShape;
import dev.kysera.repository.PrimaryKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

    /** {@code findById}'s SELECT; null for keys whose condition the repository does not know. */
    final StatementShape findById;
    private final Definition<?, ?, ?, ?> definition;
    private final Map<List<Field<?>>, StatementShape> inserts = new ConcurrentHashMap<>();

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
        StatementShape shape = inserts.get(columns);
        if (shape != null || columns.isEmpty() || inserts.size() >= INSERT_SHAPES) {
            return shape;
        }
        List<Field<?>> fixed = List.copyOf(columns);
        List<Field<?>> returning = definition.columns();
        return inserts.computeIfAbsent(fixed, key -> StatementShape.of((dsl, arguments) -> {
            Field<?>[] values = new Field<?>[fixed.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = arguments.value(i, fixed.get(i));
            }
            return dsl.insertInto(definition.table()).columns(fixed).values(values).returningResult(returning);
        }));
    }

    private static <X> org.jooq.Condition matches(Field<X> column, StatementShape.Arguments arguments) {
        return column.eq(arguments.value(0, column));
    }
}
