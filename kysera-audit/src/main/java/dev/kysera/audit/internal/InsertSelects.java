package dev.kysera.audit.internal;

import dev.kysera.audit.AuditedTable;
import dev.kysera.executor.TableReference;
import dev.kysera.executor.plan.StatementPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Finds the rows an INSERT … SELECT inserted where the driver does not report their keys.
 * <ul>
 *   <li>SQLite: the highest rowid before it runs, read in its transaction; SQLite has one writer,
 *       and a transaction that read cannot write after another one committed, so the rows with a
 *       higher rowid afterwards are exactly the statement's — if there are as many as it inserted.</li>
 *   <li>MariaDB: the keys must be generated (the SELECT does not write the key column), and InnoDB
 *       must hand them out consecutively for the statement ({@code innodb_autoinc_lock_mode} 0 or 1,
 *       MariaDB's default: an INSERT … SELECT holds the table's AUTO-INC lock to its end); they are
 *       then {@code LAST_INSERT_ID()} (the first) on, {@code auto_increment_increment} apart.</li>
 * </ul>
 * Not API.
 */
final class InsertSelects {

    private InsertSelects() {
    }

    /** What must be known before the statement runs: SQLite's highest rowid; refuses on MariaDB when keys need not be consecutive. */
    static Optional<Long> before(DSLContext session, StatementPlan plan, Function<String, RuntimeException> refuse) {
        return switch (session.dialect().family()) {
            case SQLITE -> {
                Object max = session.select(DSL.max(rowid(plan.target()))).from(plan.target().table()).fetchOne(0);
                yield Optional.of(max == null ? 0L : ((Number) max).longValue());
            }
            case MARIADB, MYSQL -> {
                Object mode = session.fetchValue("select @@innodb_autoinc_lock_mode");
                if (mode == null || ((Number) mode).intValue() > 1) {
                    throw refuse.apply("INSERT … SELECT needs consecutive generated keys, and innodb_autoinc_lock_mode = " + mode
                            + " interleaves them between statements: use 0 or 1 (the default)");
                }
                yield Optional.empty();
            }
            default -> Optional.empty();
        };
    }

    /** The keys of the rows the statement inserted, or null when they cannot be told from the others. */
    static List<Object> after(DSLContext session, StatementPlan plan, AuditedTable table, Long mark, long inserted) {
        TableReference target = plan.target();
        if (inserted == 0) {
            return List.of();
        }
        if (session.dialect().family() == SQLDialect.SQLITE) {
            Field<Long> rowid = rowid(target);
            List<Object> keys = session.select(target.field(table.key().getFirst())).from(target.table()).where(rowid.gt(mark))
                    .orderBy(rowid).fetch(target.field(table.key().getFirst()));
            return keys.size() == inserted ? keys : null;
        }
        long first = ((Number) session.fetchValue("select last_insert_id()")).longValue();
        long step = ((Number) session.fetchValue("select @@auto_increment_increment")).longValue();
        if (first == 0) {
            return null;
        }
        List<Object> keys = new ArrayList<>();
        for (long i = 0; i < inserted; i++) {
            keys.add(first + i * step);
        }
        return keys;
    }

    private static Field<Long> rowid(TableReference target) {
        return target.field("rowid", SQLDataType.BIGINT);
    }
}
