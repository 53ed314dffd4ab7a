package dev.kysera.audit;

import static dev.kysera.testsupport.schema.Tables.USERS;

import dev.kysera.executor.ContextKey;
import dev.kysera.executor.Executor;
import dev.kysera.executor.Plugin;
import dev.kysera.testsupport.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** A fresh schema, audit table and audited executor per test. */
final class Fixtures {

    static final ContextKey<String> USER = ContextKey.of("user", String.class);
    static final LocalDateTime NOW = LocalDateTime.of(2026, 3, 4, 5, 6, 7);
    static final Instant T0 = NOW.toInstant(ZoneOffset.UTC);
    static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    private Fixtures() {
    }

    static AuditOptions.Builder options() {
        return AuditOptions.builder().table("users", "id").table("post_tags", "post_id", "tag_id").table("settings", "setting_key")
                .clock(CLOCK).changedBy(USER);
    }

    record Audited(TestDatabase db, AuditPlugin audit, Executor executor, AuditLog log) {

        /** The executor as user {@code ann}. */
        Executor ann() {
            return executor.with(USER, "ann");
        }

        long auditRows() {
            return db.dsl().fetchCount(DSL.table(DSL.name("audit_log")));
        }

        List<Map<String, Object>> users() {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Record r : db.dsl().select(USERS.ID, USERS.NAME, USERS.STATUS).from(USERS).orderBy(USERS.ID).fetch()) {
                rows.add(Map.of("id", r.get(USERS.ID), "name", r.get(USERS.NAME), "status", r.get(USERS.STATUS)));
            }
            return rows;
        }
    }

    static Audited audited(TestDatabase db) {
        return audited(db, options().build());
    }

    static Audited audited(TestDatabase db, AuditOptions options, Plugin... others) {
        db.useTestSchema();
        recreateAuditTable(db, options);
        AuditPlugin audit = AuditPlugin.of(options);
        Executor executor = Executor.builder().dsl(db.dsl()).plugins(List.of(others)).plugin(audit).build();
        // Most tests read the history of deleted rows too: the log that reads every entry.
        return new Audited(db, audit, executor, audit.log(executor).everyEntry(audit.bypassToken()));
    }

    /** Soft delete of users, turning DELETEs into UPDATEs stamped by the fixed clock. */
    static dev.kysera.softdelete.SoftDeletePlugin softDeleteAsUpdate() {
        return dev.kysera.softdelete.SoftDeletePlugin.of(dev.kysera.softdelete.SoftDeleteOptions.builder().clock(CLOCK)
                .tables("users").deleteAsUpdate(true).build());
    }

    static void recreateAuditTable(TestDatabase db, AuditOptions options) {
        db.dsl().dropTableIfExists(DSL.name(options.auditTableName())).execute();
        AuditTable.create(db.dsl(), options);
    }

    /** Inserts users with explicit ids, audited, in one transaction. */
    static void seedUsers(Audited a, long... ids) {
        a.ann().transaction(tx -> {
            var insert = tx.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME);
            for (long id : ids) {
                insert = insert.values(id, "u" + id + "@example.com", "u" + id);
            }
            insert.execute();
        });
    }
}
