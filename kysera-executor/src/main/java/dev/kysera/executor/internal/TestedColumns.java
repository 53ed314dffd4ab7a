package dev.kysera.executor.internal;

import dev.kysera.executor.TableReference;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Param;
import org.jooq.QueryPart;
import org.jooq.RenderContext;
import org.jooq.SQLDialect;
import org.jooq.VisitListener;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;

/**
 * The columns of a statement's target that parts of the statement refer to, found by rendering the
 * parts with a listener that sees every query part (the open-source jOOQ has no public traversal),
 * nested SELECTs included. Conservative: an unqualified column counts as the target's.
 */
final class TestedColumns {

    private TestedColumns() {
    }

    /** Lower-cased names of the target's columns that {@code parts} refer to. */
    static Set<String> of(TableReference target, SQLDialect dialect, List<? extends QueryPart> parts) {
        String reference = target.reference().last();
        Set<String> found = new HashSet<>();
        VisitListener collect = VisitListener.onVisitStart(visit -> {
            if (visit.queryPart() instanceof Field<?> field && !(field instanceof Param<?>)) {
                Name name = field.getQualifiedName();
                Name[] path = name.parts();
                if (path.length == 1 || path[path.length - 2].last().equalsIgnoreCase(reference)) {
                    found.add(name.last().toLowerCase(Locale.ROOT));
                }
            }
        });
        RenderContext render = DSL.using(new DefaultConfiguration().set(dialect).set(collect)).renderContext();
        for (QueryPart part : parts) {
            if (part != null) {
                render.visit(part);
            }
        }
        return found;
    }
}
