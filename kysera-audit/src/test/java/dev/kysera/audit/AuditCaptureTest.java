package dev.kysera.audit;

import static dev.kysera.audit.Fixtures.NOW;
import static dev.kysera.audit.Fixtures.audited;
import static dev.kysera.audit.Fixtures.seedUsers;
import static dev.kysera.testsupport.schema.Tables.POST_TAGS;
import static dev.kysera.testsupport.schema.Tables.POSTS;
import static dev.kysera.testsupport.schema.Tables.TAGS;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.error.AccessDeniedException;
import dev.kysera.executor.UnsupportedStatementException;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import java.util.List;
import java.util.Map;
import org.jooq.impl.DSL;

/** What each kind of write leaves in the audit log, exactly, on every database. */
class AuditCaptureTest {

    @MatrixTest
    void insert_update_and_delete_each_record_one_exact_entry(dev.kysera.testsupport.TestDatabase db) {
        Fixtures.Audited a = audited(db);
        a.ann().transaction(tx -> {
            tx.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(1001L, "ann@example.com", "Ann").execute();
            tx.dsl().update(USERS).set(USERS.NAME, "Anna").where(USERS.ID.eq(1001L)).execute();
        });
        a.executor().with(Fixtures.USER, "bob").transaction(tx -> tx.dsl().deleteFrom(USERS).where(USERS.ID.eq(1001L)).execute());

        List<AuditEntry> history = a.log().history("users", 1001L);
        assertThat(history).extracting(AuditEntry::operation)
                .containsExactly(AuditOperation.INSERT, AuditOperation.UPDATE, AuditOperation.DELETE);
        AuditEntry insert = history.get(0);
        AuditEntry update = history.get(1);
        AuditEntry delete = history.get(2);

        assertThat(insert.table()).isEqualTo("users");
        assertThat(insert.key()).isEqualTo(Map.of("id", 1001L));
        assertThat(insert.oldValues()).isEmpty();
        assertThat(insert.newValues()).containsEntry("id", 1001L).containsEntry("name", "Ann").containsEntry("email", "ann@example.com")
                .containsEntry("status", "active").containsEntry("version", 0L).containsEntry("deleted_at", null);
        // An INSERT changed the columns it gave a value (caller or default), not those left NULL.
        assertThat(insert.changedColumns()).containsExactlyInAnyOrder("id", "email", "name", "status", "version");
        assertThat(insert.changedBy()).isEqualTo("ann");
        assertThat(insert.changedAt()).isEqualTo(NOW);

        assertThat(update.oldValues()).containsEntry("name", "Ann");
        assertThat(update.newValues()).containsEntry("name", "Anna").containsEntry("email", "ann@example.com");
        assertThat(update.changedColumns()).containsExactly("name");
        assertThat(update.transactionId()).isEqualTo(insert.transactionId());

        assertThat(delete.oldValues()).containsEntry("name", "Anna");
        assertThat(delete.newValues()).isEmpty();
        assertThat(delete.changedBy()).isEqualTo("bob");
        assertThat(delete.transactionId()).isNotEqualTo(insert.transactionId());
        assertThat(history).extracting(AuditEntry::id).isSorted();
        assertThat(a.users()).isEmpty();
    }

    @MatrixTest
    void bulk_update_and_delete_record_each_affected_row_and_nothing_for_the_others(dev.kysera.testsupport.TestDatabase db) {
        Fixtures.Audited a = audited(db);
        seedUsers(a, 1001, 1002, 1003);
        assertThat(a.auditRows()).isEqualTo(3);

        int updated = a.ann().transactionResult(tx -> tx.dsl().update(USERS).set(USERS.STATUS, "suspended")
                .where(USERS.ID.in(1001L, 1002L)).execute());
        assertThat(updated).isEqualTo(2);
        assertThat(a.log().history("users", 1001L)).extracting(AuditEntry::operation).containsExactly(AuditOperation.INSERT,
                AuditOperation.UPDATE);
        assertThat(a.log().history("users", 1002L).get(1).changedColumns()).containsExactly("status");
        assertThat(a.log().history("users", 1003L)).hasSize(1);

        // Rows that match nothing, or whose values do not change, produce nothing.
        a.ann().transaction(tx -> {
            assertThat(tx.dsl().update(USERS).set(USERS.NAME, "x").where(USERS.ID.eq(9999L)).execute()).isZero();
            tx.dsl().update(USERS).set(USERS.STATUS, "suspended").where(USERS.ID.eq(1001L)).execute();
            assertThat(tx.dsl().deleteFrom(USERS).where(USERS.ID.eq(9999L)).execute()).isZero();
        });
        assertThat(a.auditRows()).isEqualTo(5);

        int deleted = a.ann().transactionResult(tx -> tx.dsl().deleteFrom(USERS).where(USERS.ID.ge(1002L)).execute());
        assertThat(deleted).isEqualTo(2);
        assertThat(a.auditRows()).isEqualTo(7);
        AuditEntry gone = a.log().history("users", 1003L).getLast();
        assertThat(gone.operation()).isEqualTo(AuditOperation.DELETE);
        assertThat(gone.oldValues()).containsEntry("name", "u1003").containsEntry("status", "active");
        assertThat(a.log().history("users", 1002L).getLast().oldValues()).containsEntry("status", "suspended");
        assertThat(a.users()).extracting(u -> u.get("id")).containsExactly(1001L);
    }

    @MatrixTest
    void a_rolled_back_transaction_or_savepoint_leaves_no_audit_rows_and_a_committed_one_always_has_them(
            dev.kysera.testsupport.TestDatabase db) {
        Fixtures.Audited a = audited(db);
        assertThatThrownBy(() -> a.ann().transaction(tx -> {
            tx.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(1001L, "a@example.com", "a").execute();
            throw new IllegalStateException("undo");
        })).hasMessage("undo");
        assertThat(a.users()).isEmpty();
        assertThat(a.auditRows()).isZero();

        a.ann().transaction(tx -> {
            tx.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(1002L, "b@example.com", "b").execute();
            try {
                tx.transaction(nested -> {
                    nested.dsl().update(USERS).set(USERS.NAME, "never").where(USERS.ID.eq(1002L)).execute();
                    throw new IllegalStateException("undo the savepoint");
                });
            } catch (IllegalStateException expected) {
                // only the savepoint rolled back
            }
            tx.dsl().update(USERS).set(USERS.NAME, "kept").where(USERS.ID.eq(1002L)).execute();
        });
        assertThat(a.log().history("users", 1002L)).extracting(AuditEntry::operation)
                .containsExactly(AuditOperation.INSERT, AuditOperation.UPDATE);
        assertThat(a.log().history("users", 1002L).getLast().oldValues()).containsEntry("name", "b");
        assertThat(a.log().history("users", 1002L)).extracting(AuditEntry::transactionId).containsOnly(
                a.log().history("users", 1002L).getFirst().transactionId());
        assertThat(a.users()).extracting(u -> u.get("name")).containsExactly("kept");
    }

    @MatrixTest
    void writes_to_audited_tables_outside_a_transaction_are_refused_before_they_run(dev.kysera.testsupport.TestDatabase db) {
        Fixtures.Audited a = audited(db);
        seedUsers(a, 1001);
        assertThatThrownBy(() -> a.ann().dsl().update(USERS).set(USERS.NAME, "x").where(USERS.ID.eq(1001L)).execute())
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("must run in a transaction");
        assertThatThrownBy(() -> a.ann().dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(1002L, "b@x", "b").execute())
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> a.ann().dsl().deleteFrom(USERS).execute()).isInstanceOf(AccessDeniedException.class);
        assertThat(a.users()).extracting(u -> u.get("name")).containsExactly("u1001");
        assertThat(a.auditRows()).isEqualTo(1);
        // Tables that are not audited are not affected.
        a.ann().dsl().insertInto(TAGS, TAGS.NAME).values("free").execute();
        assertThat(db.dsl().fetchCount(TAGS)).isEqualTo(1);
    }

    @MatrixTest
    void composite_keys_are_recorded_as_json_objects(dev.kysera.testsupport.TestDatabase db) {
        Fixtures.Audited a = audited(db);
        seedUsers(a, 1001);
        a.ann().transaction(tx -> {
            tx.dsl().insertInto(POSTS, POSTS.ID, POSTS.USER_ID, POSTS.TITLE).values(1L, 1001L, "p").execute();
            tx.dsl().insertInto(TAGS, TAGS.ID, TAGS.NAME).values(7L, "t7").values(8L, "t8").execute();
            tx.dsl().insertInto(POST_TAGS, POST_TAGS.POST_ID, POST_TAGS.TAG_ID).values(1L, 7L).values(1L, 8L).execute();
            tx.dsl().deleteFrom(POST_TAGS).where(POST_TAGS.TAG_ID.eq(8L)).execute();
        });
        assertThat(a.log().history("post_tags", 1L, 7L)).extracting(AuditEntry::operation).containsExactly(AuditOperation.INSERT);
        List<AuditEntry> eight = a.log().history("post_tags", 1L, 8L);
        assertThat(eight).extracting(AuditEntry::operation).containsExactly(AuditOperation.INSERT, AuditOperation.DELETE);
        assertThat(eight.getFirst().key()).isEqualTo(Map.of("post_id", 1L, "tag_id", 8L));
        assertThat(db.dsl().select(DSL.field(DSL.name("entity_key"), String.class)).from(DSL.table(DSL.name("audit_log")))
                .where(DSL.field(DSL.name("id"), Long.class).eq(eight.getLast().id())).fetchOne(0, String.class))
                .isEqualTo("{\"post_id\":1,\"tag_id\":8}");
        assertThatThrownBy(() -> a.log().history("post_tags", 1L)).isInstanceOf(IllegalArgumentException.class);
    }

    @MatrixTest
    void parsed_plain_sql_is_audited_like_the_dsl(dev.kysera.testsupport.TestDatabase db) {
        Fixtures.Audited a = audited(db);
        seedUsers(a, 1001, 1002);
        a.ann().transaction(tx -> {
            tx.dsl().execute("update users set name = ? where id >= ?", "plain", 1001L);
            tx.dsl().execute("delete from users where id = ?", 1002L);
            tx.dsl().execute("insert into users (id, email, name) values (?, ?, ?)", 1003L, "c@example.com", "c");
        });
        assertThat(a.log().history("users", 1001L)).extracting(AuditEntry::operation)
                .containsExactly(AuditOperation.INSERT, AuditOperation.UPDATE);
        assertThat(a.log().history("users", 1001L).getLast().newValues()).containsEntry("name", "plain");
        assertThat(a.log().history("users", 1002L)).extracting(AuditEntry::operation)
                .containsExactly(AuditOperation.INSERT, AuditOperation.UPDATE, AuditOperation.DELETE);
        assertThat(a.log().history("users", 1003L)).extracting(AuditEntry::operation).containsExactly(AuditOperation.INSERT);
    }

    @MatrixTest
    void a_single_row_insert_with_a_generated_key_is_audited(dev.kysera.testsupport.TestDatabase db) {
        Fixtures.Audited a = audited(db);
        a.ann().transaction(tx -> tx.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values("g@example.com", "g").execute());
        long id = db.dsl().fetchValue(USERS.ID);
        assertThat(a.log().history("users", id)).singleElement().satisfies(e -> {
            assertThat(e.operation()).isEqualTo(AuditOperation.INSERT);
            assertThat(e.newValues()).containsEntry("id", id).containsEntry("name", "g").containsEntry("email", "g@example.com");
        });
    }

    @MatrixTest
    void multi_row_inserts_and_bind_batches_with_generated_keys_record_each_row_under_its_key(dev.kysera.testsupport.TestDatabase db) {
        Fixtures.Audited a = audited(db);
        seedUsers(a, 1001);
        a.ann().transaction(tx -> tx.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME)
                .values("x@example.com", "x").values("y@example.com", "y").values("z@example.com", "z").execute());
        a.ann().transaction(tx -> tx.dsl().batch(tx.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values((String) null, null))
                .bind("b1@example.com", "b1").bind("b2@example.com", "b2").execute());
        var rows = db.dsl().select(USERS.ID, USERS.NAME).from(USERS).where(USERS.ID.ne(1001L)).orderBy(USERS.ID).fetch();
        assertThat(rows.getValues(USERS.NAME)).containsExactly("x", "y", "z", "b1", "b2");
        for (var row : rows) {
            assertThat(a.log().history("users", row.get(USERS.ID))).singleElement().satisfies(e -> {
                assertThat(e.operation()).isEqualTo(AuditOperation.INSERT);
                assertThat(e.newValues()).containsEntry("id", row.get(USERS.ID)).containsEntry("name", row.get(USERS.NAME));
            });
        }
        assertThat(a.auditRows()).isEqualTo(6);
    }

    @MatrixTest
    void a_multi_row_insert_mixing_set_and_generated_keys_is_refused_where_keys_are_reported_by_position(
            dev.kysera.testsupport.TestDatabase db) {
        Fixtures.Audited a = audited(db);
        Runnable mixed = () -> a.ann().transaction(tx -> tx.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME)
                .values(5001L, "s@example.com", "set").values((Long) null, "g@example.com", "generated").execute());
        if (db.engine() == Engine.POSTGRES || db.engine() == Engine.H2) {
            // An identity column takes no NULL there: the database refuses the statement itself.
            assertThatThrownBy(mixed::run).isInstanceOf(dev.kysera.core.error.NotNullException.class);
            assertThat(a.users()).isEmpty();
            assertThat(a.auditRows()).isZero();
        } else {
            assertThatThrownBy(mixed::run).isInstanceOf(UnsupportedStatementException.class).hasMessageContaining("separate statements");
            assertThat(a.users()).isEmpty();
            assertThat(a.auditRows()).isZero();
        }
    }

    @MatrixTest
    void writes_that_cannot_be_audited_exactly_are_refused_and_change_nothing(dev.kysera.testsupport.TestDatabase db) {
        Fixtures.Audited a = audited(db);
        seedUsers(a, 1001);
        // INSERT … SELECT writing the key on MariaDB: its keys are neither known before it runs nor reported (see the next test).
        if (db.engine() == Engine.MARIADB) {
            assertThatThrownBy(() -> a.ann().transaction(tx -> tx.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME)
                    .select(DSL.select(USERS.ID.plus(1), USERS.EMAIL.concat("x"), USERS.NAME).from(USERS)).execute()))
                    .isInstanceOf(UnsupportedStatementException.class).hasMessageContaining("SELECT");
        }
        // A batch of different statements: their rows cannot be told apart.
        assertThatThrownBy(() -> a.ann().transaction(tx -> tx.dsl().batch(
                tx.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(2003L, "c1@example.com", "c1"),
                tx.dsl().deleteFrom(USERS).where(USERS.ID.eq(1001L))).execute()))
                .isInstanceOf(UnsupportedStatementException.class);
        // A JDBC batch of UPDATEs: the executor cannot read their pre-images.
        assertThatThrownBy(() -> a.ann().transaction(tx -> tx.dsl().batch(tx.dsl().update(USERS).set(USERS.NAME, (String) null)
                .where(USERS.ID.eq((Long) null))).bind("x", 1001L).execute()))
                .isInstanceOf(UnsupportedStatementException.class);
        // An UPDATE setting the key to an expression.
        assertThatThrownBy(() -> a.ann().transaction(tx -> tx.dsl().update(USERS).set(USERS.ID, USERS.ID.plus(10))
                .where(USERS.ID.eq(1001L)).execute()))
                .isInstanceOf(UnsupportedStatementException.class).hasMessageContaining("key column id");
        assertThat(a.users()).extracting(u -> u.get("id")).containsExactly(1001L);
        assertThat(a.auditRows()).isEqualTo(1);
    }

    /**
     * INSERT … SELECT: PostgreSQL and H2 report every inserted row's key; on SQLite the rows above the
     * highest rowid read before it ran are its own; on MariaDB generated keys are consecutive from
     * {@code LAST_INSERT_ID()} (selected keys are refused there, see above).
     */
    @MatrixTest
    void insert_select_records_each_inserted_row_under_its_key(dev.kysera.testsupport.TestDatabase db) {
        Fixtures.Audited a = audited(db);
        seedUsers(a, 1001, 1002);
        List<Long> ids = new java.util.ArrayList<>();
        if (db.engine() != Engine.MARIADB) {
            a.ann().transaction(tx -> tx.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME)
                    .select(DSL.select(USERS.ID.plus(1000), USERS.EMAIL.concat("x"), USERS.NAME).from(USERS)).execute());
            ids.addAll(List.of(2001L, 2002L));
        }
        a.ann().transaction(tx -> tx.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME)
                .select(DSL.select(USERS.EMAIL.concat("y"), USERS.NAME).from(USERS).where(USERS.ID.in(1001L, 1002L)).orderBy(USERS.ID))
                .execute());
        // A SELECT that finds nothing inserts nothing, and records nothing.
        a.ann().transaction(tx -> tx.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME)
                .select(DSL.select(USERS.EMAIL, USERS.NAME).from(USERS).where(USERS.ID.eq(-1L))).execute());
        ids.add(db.dsl().fetchValue(USERS.ID, USERS.EMAIL.eq("u1001@example.comy")));
        ids.add(db.dsl().fetchValue(USERS.ID, USERS.EMAIL.eq("u1002@example.comy")));
        for (long id : ids) {
            String email = db.dsl().fetchValue(USERS.EMAIL, USERS.ID.eq(id));
            assertThat(a.log().history("users", id)).singleElement().satisfies(e -> {
                assertThat(e.operation()).isEqualTo(AuditOperation.INSERT);
                assertThat(e.newValues()).containsEntry("id", id).containsEntry("email", email);
            });
        }
        assertThat(a.auditRows()).isEqualTo(2 + ids.size());
        assertThat(db.dsl().fetchCount(USERS)).isEqualTo(2 + ids.size());
    }

    /**
     * INSERT … SELECT … RETURNING: on PostgreSQL and H2 the driver then reports no generated keys, and
     * the returned rows are the report (so they must hold the key); on SQLite and MariaDB the mark decides.
     */
    @MatrixTest
    void insert_select_returning_records_each_inserted_row_under_the_returned_key(dev.kysera.testsupport.TestDatabase db) {
        Fixtures.Audited a = audited(db);
        seedUsers(a, 1001, 1002);
        // jOOQ emulates RETURNING on SQLite with last_insert_rowid(): one row only, so one row there.
        List<Long> sources = db.engine() == Engine.SQLITE ? List.of(1001L) : List.of(1001L, 1002L);
        List<Long> returned = a.ann().transactionResult(tx -> tx.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME)
                .select(DSL.select(USERS.EMAIL.concat("r"), USERS.NAME).from(USERS).where(USERS.ID.in(sources)).orderBy(USERS.ID))
                .returning(USERS.ID).fetch(USERS.ID));
        assertThat(returned).hasSize(sources.size()).doesNotContainNull();
        for (long id : returned) {
            String email = db.dsl().fetchValue(USERS.EMAIL, USERS.ID.eq(id));
            assertThat(email).endsWith("r");
            assertThat(a.log().history("users", id)).singleElement().satisfies(e -> {
                assertThat(e.operation()).isEqualTo(AuditOperation.INSERT);
                assertThat(e.newValues()).containsEntry("id", id).containsEntry("email", email);
            });
        }
        // A SELECT that finds nothing returns nothing, inserts nothing and records nothing.
        List<Long> none = a.ann().transactionResult(tx -> tx.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME)
                .select(DSL.select(USERS.EMAIL, USERS.NAME).from(USERS).where(USERS.ID.eq(-1L))).returning(USERS.ID).fetch(USERS.ID));
        assertThat(none).isEmpty();
        assertThat(a.auditRows()).isEqualTo(2 + sources.size());
        if (db.engine() == Engine.POSTGRES || db.engine() == Engine.H2) {
            // Returned rows without the key cannot tell which rows were inserted: refused, and rolled back.
            assertThatThrownBy(() -> a.ann().transaction(tx -> tx.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME)
                    .select(DSL.select(USERS.EMAIL.concat("n"), USERS.NAME).from(USERS).where(USERS.ID.eq(1001L)))
                    .returning(USERS.NAME).fetch()))
                    .isInstanceOf(UnsupportedStatementException.class).hasMessageContaining("a RETURNING must return the key column id");
            assertThat(db.dsl().fetchCount(USERS)).isEqualTo(4);
        }
        assertThat(a.auditRows()).isEqualTo(2 + sources.size());
    }

    @MatrixTest
    void an_update_that_sets_the_key_to_a_constant_is_recorded_under_the_new_key(dev.kysera.testsupport.TestDatabase db) {
        Fixtures.Audited a = audited(db);
        seedUsers(a, 1001);
        a.ann().transaction(tx -> tx.dsl().update(USERS).set(USERS.ID, 1500L).where(USERS.ID.eq(1001L)).execute());
        AuditEntry moved = a.log().history("users", 1500L).getFirst();
        assertThat(moved.operation()).isEqualTo(AuditOperation.UPDATE);
        assertThat(moved.oldValues()).containsEntry("id", 1001L);
        assertThat(moved.newValues()).containsEntry("id", 1500L);
        assertThat(moved.changedColumns()).containsExactly("id");
    }

    @MatrixTest
    void a_failed_multi_row_insert_leaves_no_unaudited_rows(dev.kysera.testsupport.TestDatabase db) {
        Fixtures.Audited a = audited(db);
        seedUsers(a, 1001);
        Runnable failingThenCommit = () -> a.ann().transaction(tx -> {
            try {
                tx.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(2001L, "new@example.com", "new")
                        .values(2002L, "u1001@example.com", "duplicate e-mail").execute();
            } catch (dev.kysera.core.error.UniqueConstraintException expected) {
                // carry on, as callers may
            }
        });
        if (db.engine() == Engine.H2) {
            assertThatThrownBy(failingThenCommit::run).isInstanceOf(UnsupportedStatementException.class).hasMessageContaining("H2");
        } else if (db.engine() == Engine.POSTGRES) {
            // PostgreSQL aborts the transaction: its commit rolls back (the driver may or may not say so).
            try {
                failingThenCommit.run();
            } catch (RuntimeException rolledBack) {
                // either way nothing is kept
            }
        } else {
            failingThenCommit.run();
        }
        assertThat(a.users()).extracting(u -> u.get("id")).containsExactly(1001L);
        assertThat(a.auditRows()).isEqualTo(1);
    }

    @MatrixTest
    void aliased_targets_are_audited(dev.kysera.testsupport.TestDatabase db) {
        Fixtures.Audited a = audited(db);
        seedUsers(a, 1001, 1002);
        var u = USERS.as("u");
        a.ann().transaction(tx -> {
            tx.dsl().update(u).set(u.NAME, "aliased").where(u.ID.eq(1001L)).execute();
            tx.dsl().deleteFrom(u).where(u.ID.eq(1002L)).execute();
        });
        assertThat(a.log().history("users", 1001L).getLast().newValues()).containsEntry("name", "aliased");
        assertThat(a.log().history("users", 1002L).getLast().operation()).isEqualTo(AuditOperation.DELETE);
    }

    @MatrixTest
    void jdbc_batches_of_inserts_with_their_keys_are_audited_row_by_row(dev.kysera.testsupport.TestDatabase db) {
        Fixtures.Audited a = audited(db);
        a.ann().transaction(tx -> tx.dsl().batch(tx.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME)
                .values((Long) null, null, null)).bind(2001L, "b1@example.com", "b1").bind(2002L, "b2@example.com", "b2").execute());
        a.ann().transaction(tx -> {
            var first = tx.dsl().newRecord(USERS);
            first.setId(3001L);
            first.setEmail("r1@example.com");
            first.setName("r1");
            var second = tx.dsl().newRecord(USERS);
            second.setId(3002L);
            second.setEmail("r2@example.com");
            second.setName("r2");
            tx.dsl().batchInsert(first, second).execute();
        });
        for (long id : new long[] {2001L, 2002L, 3001L, 3002L}) {
            assertThat(a.log().history("users", id)).singleElement().satisfies(e -> {
                assertThat(e.operation()).isEqualTo(AuditOperation.INSERT);
                assertThat(e.newValues()).containsEntry("id", id);
            });
        }
        assertThat(a.log().history("users", 2002L).getFirst().newValues()).containsEntry("name", "b2");
        assertThat(a.auditRows()).isEqualTo(4);
    }
}
