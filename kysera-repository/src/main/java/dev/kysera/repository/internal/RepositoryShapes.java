package dev.kysera.repository.internal;

import dev.kysera.executor.StatementShape;
import dev.kysera.repository.PrimaryKey;
import java.util.List;
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

    /** {@code findById}'s SELECT; null for keys whose condition the repository does not know. */
    final StatementShape findById;

    RepositoryShapes(Definition<?, ?, ?, ?> definition) {
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

    private static <X> org.jooq.Condition matches(Field<X> column, StatementShape.Arguments arguments) {
        return column.eq(arguments.value(0, column));
    }
}
