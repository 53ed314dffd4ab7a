package dev.kysera.executor.internal;

import java.util.Arrays;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.QOM;

/** Aliases with a column list ({@code users as u (a, b)}) rename the columns plugins filter on. */
final class ColumnAliases {

    private ColumnAliases() {
    }

    static boolean renamesColumns(Table<?> table) {
        if (!(table instanceof QOM.TableAlias<?> alias)) {
            return false;
        }
        Field<?>[] own = alias.fields();
        Field<?>[] underlying = alias.$table().fields();
        if (own.length == 0) {
            return false;
        }
        if (own.length != underlying.length) {
            return true;
        }
        for (int i = 0; i < own.length; i++) {
            if (!own[i].getName().equals(underlying[i].getName())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The same relation as a derived table over the unaliased table, {@code (select * from users) as
     * u (a, b)}: its SELECT is planned on its own, where the filter's columns have their own names.
     */
    static Table<?> filteredInside(Table<?> table) {
        QOM.TableAlias<?> alias = (QOM.TableAlias<?>) table;
        String[] names = Arrays.stream(alias.fields()).map(Field::getName).toArray(String[]::new);
        return DSL.selectFrom(alias.$table()).asTable(alias.$alias().last(), names);
    }
}
