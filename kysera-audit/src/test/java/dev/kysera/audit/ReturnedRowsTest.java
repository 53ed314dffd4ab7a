package dev.kysera.audit;

import static dev.kysera.audit.Fixtures.audited;
import static dev.kysera.testsupport.schema.Tables.POSTS;
import static dev.kysera.testsupport.schema.Tables.POST_TAGS;
import static dev.kysera.testsupport.schema.Tables.TAGS;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.executor.Plugin;
import dev.kysera.executor.PluginRoles;
import dev.kysera.executor.StatementEvent;
import dev.kysera.executor.StatementObserver;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * On PostgreSQL the driver returns the rows an audited INSERT, UPDATE or DELETE changed with the
 * statement itself, and audit records those instead of reading them again (and a DELETE reads no
 * pre-image); elsewhere it reads them. The entries are the same, value for value, on every database.
 */
class ReturnedRowsTest {

    /** What the executor did for each statement on an audited table: its kind, whether rows came back with it, whether a pre-image was read. */
    record Seen(String kind, boolean returned, int returnedRows, boolean preImage) {
    }

    private static Plugin recorder(List<Seen> seen) {
        return new Plugin() {
            @Override
            public String name() {
                return "recorder";
            }

            @Override
            public void register(PluginRoles roles) {
                roles.statementObserver(new StatementObserver() {
                    @Override
                    public void afterStatement(StatementEvent event) {
                        if (event.failure().isEmpty() && event.plan().isWrite() && event.plan().targetTable()
                                .filter(table -> table.is("users") || table.is("post_tags")).isPresent()) {
                            seen.add(new Seen(event.plan().kind().name(), event.returnsChangedRows(),
                                    event.changedRows().map(List::size).orElse(-1), event.preImage().isPresent()));
                        }
                    }
                });
            }
        };
    }

    private static Map<String, Object> user(long id, String email, String name, String status) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", id);
        values.put("email", email);
        values.put("name", name);
        values.put("status", status);
        values.put("version", 0L);
        values.put("tenant_id", null);
        values.put("created_at", null);
        values.put("updated_at", null);
        values.put("deleted_at", null);
        return values;
    }

    @MatrixTest
    void entries_from_the_rows_a_write_returned_equal_entries_from_a_read(TestDatabase db) {
        List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
        Fixtures.Audited a = audited(db, Fixtures.options().build(), recorder(seen));
        // Unaudited (not through the executor): the rows the tag's foreign keys need.
        db.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(3000L, "p@example.com", "P").execute();
        db.dsl().insertInto(POSTS, POSTS.ID, POSTS.USER_ID, POSTS.TITLE).values(1L, 3000L, "p").execute();
        db.dsl().insertInto(TAGS, TAGS.ID, TAGS.NAME).values(2L, "t2").execute();
        a.ann().transaction(tx -> {
            tx.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(3001L, "a@example.com", "A")
                    .values(3002L, "b@example.com", "B").execute();
            tx.dsl().update(USERS).set(USERS.NAME, "A2").set(USERS.STATUS, "suspended").where(USERS.ID.eq(3001L)).execute();
            tx.dsl().update(USERS).set(USERS.ID, 3003L).where(USERS.ID.eq(3002L)).execute(); // a key change is followed
            tx.dsl().update(USERS).set(USERS.NAME, "A2").where(USERS.ID.eq(3001L)).execute(); // changes nothing: no entry
            tx.dsl().deleteFrom(USERS).where(USERS.ID.in(3001L, 3003L)).execute();
            tx.dsl().insertInto(POST_TAGS, POST_TAGS.POST_ID, POST_TAGS.TAG_ID).values(1L, 2L).execute();
        });

        List<AuditEntry> first = a.log().history("users", 3001L);
        assertThat(first).extracting(AuditEntry::operation)
                .containsExactly(AuditOperation.INSERT, AuditOperation.UPDATE, AuditOperation.DELETE);
        assertThat(first.get(0).oldValues()).isEmpty();
        assertThat(first.get(0).newValues()).isEqualTo(user(3001, "a@example.com", "A", "active"));
        assertThat(first.get(0).changedColumns()).containsExactly("id", "email", "name", "status", "version");
        assertThat(first.get(1).oldValues()).isEqualTo(user(3001, "a@example.com", "A", "active"));
        assertThat(first.get(1).newValues()).isEqualTo(user(3001, "a@example.com", "A2", "suspended"));
        assertThat(first.get(1).changedColumns()).containsExactly("name", "status");
        assertThat(first.get(2).oldValues()).isEqualTo(user(3001, "a@example.com", "A2", "suspended"));
        assertThat(first.get(2).newValues()).isEmpty();
        assertThat(first.get(2).changedColumns()).containsExactly("id", "email", "name", "status", "version", "tenant_id", "created_at",
                "updated_at", "deleted_at");

        assertThat(a.log().history("users", 3002L)).extracting(AuditEntry::operation).containsExactly(AuditOperation.INSERT);
        List<AuditEntry> moved = a.log().history("users", 3003L);
        assertThat(moved).extracting(AuditEntry::operation).containsExactly(AuditOperation.UPDATE, AuditOperation.DELETE);
        assertThat(moved.get(0).key()).isEqualTo(Map.of("id", 3003L));
        assertThat(moved.get(0).oldValues()).isEqualTo(user(3002, "b@example.com", "B", "active"));
        assertThat(moved.get(0).newValues()).isEqualTo(user(3003, "b@example.com", "B", "active"));
        assertThat(moved.get(0).changedColumns()).containsExactly("id");
        assertThat(moved.get(1).oldValues()).isEqualTo(user(3003, "b@example.com", "B", "active"));

        List<AuditEntry> tag = a.log().history("post_tags", 1L, 2L);
        assertThat(tag).extracting(AuditEntry::operation).containsExactly(AuditOperation.INSERT);
        assertThat(tag.getFirst().key()).isEqualTo(Map.of("post_id", 1L, "tag_id", 2L));
        assertThat(tag.getFirst().newValues()).isEqualTo(Map.of("post_id", 1L, "tag_id", 2L));
        assertThat(a.auditRows()).isEqualTo(7);

        boolean returning = db.engine() == Engine.POSTGRES;
        assertThat(seen).containsExactly(
                new Seen("INSERT", returning, returning ? 2 : -1, false),
                new Seen("UPDATE", returning, returning ? 1 : -1, true),
                new Seen("UPDATE", returning, returning ? 1 : -1, true),
                new Seen("UPDATE", returning, returning ? 1 : -1, true),
                // On PostgreSQL the deleted rows come back with the DELETE: no pre-image is read.
                new Seen("DELETE", returning, returning ? 2 : -1, !returning),
                new Seen("INSERT", returning, returning ? 1 : -1, false));
    }
}
