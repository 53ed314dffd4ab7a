package dev.kysera.audit;

import static dev.kysera.audit.Fixtures.NOW;
import static dev.kysera.audit.Fixtures.audited;
import static dev.kysera.testsupport.schema.Tables.SETTINGS;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.executor.Assignment;
import dev.kysera.executor.Executor;
import dev.kysera.executor.Operation;
import dev.kysera.executor.Plugin;
import dev.kysera.executor.PluginRoles;
import dev.kysera.executor.UnsupportedStatementException;
import dev.kysera.repository.Repository;
import dev.kysera.repository.Values;
import dev.kysera.softdelete.SoftDeleteOperations;
import dev.kysera.softdelete.SoftDeletePlugin;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import dev.kysera.testsupport.schema.tables.records.UsersRecord;
import java.time.LocalDateTime;
import java.util.List;
import org.jooq.impl.DSL;

/** Repository methods, soft delete and upserts: every write path ends in the same audit rows. */
class WritePathsTest {

    record User(long id, String name, String status, LocalDateTime deletedAt) {
    }

    private static Repository<User, Long, Values, Values> users(Executor executor) {
        return Repository.builder(USERS, USERS.ID)
                .mapper(r -> new User(r.get(USERS.ID), r.get(USERS.NAME), r.get(USERS.STATUS), r.get(USERS.DELETED_AT)))
                .build(executor);
    }

    private static Values user(long id) {
        return Values.of(USERS.ID, id).set(USERS.EMAIL, "u" + id + "@example.com").set(USERS.NAME, "u" + id);
    }

    @MatrixTest
    void repository_methods_are_audited_like_plain_dsl(TestDatabase db) {
        Fixtures.Audited a = audited(db);
        Repository<User, Long, Values, Values> users = users(a.ann());
        a.ann().transaction(tx -> {
            users.create(user(1001));
            users.createMany(List.of(user(1002), user(1003), user(1004)));
            users.update(1001L, Values.of(USERS.NAME, "renamed"));
            assertThat(users.updateMany(USERS.ID.ge(1003L), Values.of(USERS.STATUS, "closed"))).isEqualTo(2);
            assertThat(users.delete(1002L)).isTrue();
            assertThat(users.delete(9999L)).isFalse();
            assertThat(users.deleteByIds(List.of(1003L, 9998L))).isEqualTo(1);
        });
        assertThat(a.log().history("users", 1001L)).extracting(AuditEntry::operation)
                .containsExactly(AuditOperation.INSERT, AuditOperation.UPDATE);
        assertThat(a.log().history("users", 1002L)).extracting(AuditEntry::operation)
                .containsExactly(AuditOperation.INSERT, AuditOperation.DELETE);
        assertThat(a.log().history("users", 1003L)).extracting(AuditEntry::operation)
                .containsExactly(AuditOperation.INSERT, AuditOperation.UPDATE, AuditOperation.DELETE);
        assertThat(a.log().history("users", 1004L)).extracting(AuditEntry::operation)
                .containsExactly(AuditOperation.INSERT, AuditOperation.UPDATE);
        assertThat(a.auditRows()).isEqualTo(9);
        assertThat(a.users()).extracting(u -> u.get("id")).containsExactly(1001L, 1004L);
    }

    @MatrixTest
    void a_repository_create_with_a_generated_key_is_audited(TestDatabase db) {
        Fixtures.Audited a = audited(db);
        Repository<User, Long, Values, Values> users = users(a.ann());
        User created = a.ann().transactionResult(tx -> users.create(Values.of(USERS.EMAIL, "g@example.com").set(USERS.NAME, "g")));
        assertThat(a.log().history("users", created.id())).singleElement()
                .satisfies(e -> assertThat(e.newValues()).containsEntry("id", created.id()).containsEntry("name", "g"));
    }

    @MatrixTest
    void a_repository_create_many_with_generated_keys_records_each_row_from_the_rows_it_returned(TestDatabase db) {
        Fixtures.Audited a = audited(db);
        Repository<User, Long, Values, Values> users = users(a.ann());
        List<User> created = a.ann().transactionResult(tx -> users.createMany(List.of(
                Values.of(USERS.EMAIL, "g1@example.com").set(USERS.NAME, "g1"),
                Values.of(USERS.EMAIL, "g2@example.com").set(USERS.NAME, "g2"),
                Values.of(USERS.EMAIL, "g3@example.com").set(USERS.NAME, "g3"))));
        assertThat(created).extracting(User::name).containsExactly("g1", "g2", "g3");
        for (User user : created) {
            assertThat(a.log().history("users", user.id())).singleElement().satisfies(e -> {
                assertThat(e.operation()).isEqualTo(AuditOperation.INSERT);
                assertThat(e.newValues()).containsEntry("id", user.id()).containsEntry("name", user.name());
            });
        }
        assertThat(a.auditRows()).isEqualTo(3);
    }

    @MatrixTest
    void soft_delete_is_recorded_as_soft_delete_and_restore_through_a_view_that_sees_deleted_rows(TestDatabase db) {
        SoftDeletePlugin softDelete = Fixtures.softDeleteAsUpdate();
        Fixtures.Audited a = audited(db, Fixtures.options().build(), softDelete);
        Fixtures.seedUsers(a, 1001, 1002);

        a.ann().transaction(tx -> tx.dsl().deleteFrom(USERS).where(USERS.ID.eq(1001L)).execute());
        AuditEntry deletion = a.log().history("users", 1001L).getLast();
        assertThat(deletion.operation()).isEqualTo(AuditOperation.SOFT_DELETE);
        assertThat(deletion.oldValues()).containsEntry("deleted_at", null);
        assertThat(deletion.newValues().get("deleted_at")).asString().startsWith(NOW.toString());
        assertThat(deletion.changedColumns()).containsExactly("deleted_at");
        assertThat(db.dsl().fetchCount(USERS)).isEqualTo(2);

        // Deleting it again touches nothing, so records nothing.
        a.ann().transaction(tx -> tx.dsl().deleteFrom(USERS).where(USERS.ID.eq(1001L)).execute());
        assertThat(a.log().history("users", 1001L)).hasSize(2);

        // The soft-delete plugin's own restore, through a repository, is a RESTORE.
        SoftDeleteOperations<User, Long> ops = users(a.ann()).extension(softDelete.operations());
        a.ann().transaction(tx -> ops.restore(1001L));
        assertThat(a.log().history("users", 1001L).getLast().operation()).isEqualTo(AuditOperation.RESTORE);

        // Audit's restore of a soft delete needs a view that sees soft-deleted rows; it brings the row back: a RESTORE too.
        a.ann().transaction(tx -> tx.dsl().deleteFrom(USERS).where(USERS.ID.eq(1002L)).execute());
        long softDeletion = a.log().history("users", 1002L).getLast().id();
        AuditRestore<UsersRecord> restored = a.audit().log(softDelete.includingDeleted(a.ann())).restore(USERS, 1002L, softDeletion);
        assertThat(restored.operation()).isEqualTo(AuditOperation.UPDATE);
        assertThat(restored.row().orElseThrow().getDeletedAt()).isNull();
        assertThat(restored.row().orElseThrow().getName()).isEqualTo("u1002");
        assertThat(db.dsl().fetchValue(USERS.DELETED_AT, USERS.ID.eq(1002L))).isNull();
        assertThat(a.log().history("users", 1002L)).extracting(AuditEntry::operation)
                .containsExactly(AuditOperation.INSERT, AuditOperation.SOFT_DELETE, AuditOperation.RESTORE);
        assertThat(a.log().history("users", 1002L).getLast().changedColumns()).containsExactly("deleted_at");
    }

    @MatrixTest
    void soft_delete_and_restore_through_the_repository_extension_are_recorded_as_soft_delete_and_restore(TestDatabase db) {
        // No deleteAsUpdate: the extension's own UPDATEs declare what they are in the plan.
        SoftDeletePlugin softDelete = SoftDeletePlugin.of(dev.kysera.softdelete.SoftDeleteOptions.builder().clock(Fixtures.CLOCK)
                .tables("users").build());
        Fixtures.Audited a = audited(db, Fixtures.options().build(), softDelete);
        Fixtures.seedUsers(a, 1001, 1002, 1003);
        SoftDeleteOperations<User, Long> ops = users(a.ann()).extension(softDelete.operations());

        User deleted = ops.softDelete(1001L);
        assertThat(deleted.deletedAt()).isEqualTo(NOW);
        AuditEntry softDeletion = a.log().history("users", 1001L).getLast();
        assertThat(softDeletion.operation()).isEqualTo(AuditOperation.SOFT_DELETE);
        assertThat(softDeletion.changedColumns()).containsExactly("deleted_at");
        assertThat(softDeletion.oldValues()).containsEntry("deleted_at", null);
        assertThat(softDeletion.newValues().get("deleted_at")).asString().startsWith(NOW.toString());
        assertThat(softDeletion.changedBy()).isEqualTo("ann");

        User back = ops.restore(1001L);
        assertThat(back.deletedAt()).isNull();
        AuditEntry restore = a.log().history("users", 1001L).getLast();
        assertThat(restore.operation()).isEqualTo(AuditOperation.RESTORE);
        assertThat(restore.changedColumns()).containsExactly("deleted_at");
        assertThat(restore.newValues()).containsEntry("deleted_at", null);

        int softDeleted = a.ann().transactionResult(tx -> ops.softDeleteMany(List.of(1002L, 1003L)));
        int restored = a.ann().transactionResult(tx -> ops.restoreMany(List.of(1002L, 1003L)));
        assertThat(softDeleted).isEqualTo(2);
        assertThat(restored).isEqualTo(2);
        for (long id : List.of(1002L, 1003L)) {
            assertThat(a.log().history("users", id)).extracting(AuditEntry::operation)
                    .containsExactly(AuditOperation.INSERT, AuditOperation.SOFT_DELETE, AuditOperation.RESTORE);
        }
        // A plain UPDATE in between stays an UPDATE; a rolled-back soft delete leaves nothing.
        a.ann().transaction(tx -> tx.dsl().update(USERS).set(USERS.NAME, "renamed").where(USERS.ID.eq(1001L)).execute());
        long before = a.auditRows();
        assertThatThrownBy(() -> a.ann().transaction(tx -> {
            ops.softDelete(1001L);
            throw new IllegalStateException("changed my mind");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(a.auditRows()).isEqualTo(before);
        assertThat(db.dsl().fetchValue(USERS.DELETED_AT, USERS.ID.eq(1001L))).isNull();
        assertThat(a.log().history("users", 1001L)).extracting(AuditEntry::operation).containsExactly(AuditOperation.INSERT,
                AuditOperation.SOFT_DELETE, AuditOperation.RESTORE, AuditOperation.UPDATE);
        assertThat(a.auditRows()).isEqualTo(3 + 2 + 4 + 1);
    }

    @MatrixTest
    void an_upsert_is_recorded_as_what_happened_insert_or_update(TestDatabase db) {
        Fixtures.Audited a = audited(db);
        for (String value : List.of("dark", "light", "light")) {
            a.ann().transaction(tx -> tx.dsl().insertInto(SETTINGS, SETTINGS.SETTING_KEY, SETTINGS.SETTING_VALUE).values("theme", value)
                    .onConflict(SETTINGS.SETTING_KEY).doUpdate().set(SETTINGS.SETTING_VALUE, value).execute());
        }
        a.ann().transaction(tx -> tx.dsl().insertInto(SETTINGS, SETTINGS.SETTING_KEY, SETTINGS.SETTING_VALUE).values("theme", "blue")
                .onConflictDoNothing().execute());
        List<AuditEntry> history = a.log().history("settings", "theme");
        assertThat(history).extracting(AuditEntry::operation).containsExactly(AuditOperation.INSERT, AuditOperation.UPDATE);
        assertThat(history.getLast().oldValues()).containsEntry("setting_value", "dark");
        assertThat(history.getLast().newValues()).containsEntry("setting_value", "light");
        assertThat(db.dsl().fetchValue(SETTINGS.SETTING_VALUE, SETTINGS.SETTING_KEY.eq("theme"))).isEqualTo("light");
    }

    @MatrixTest
    void updatable_records_are_audited(TestDatabase db) {
        Fixtures.Audited a = audited(db);
        a.ann().transaction(tx -> {
            UsersRecord user = tx.dsl().newRecord(USERS);
            user.setId(1001L);
            user.setEmail("r@example.com");
            user.setName("record");
            user.store();
            user.setName("stored again");
            user.store();
            user.delete();
        });
        assertThat(a.log().history("users", 1001L)).extracting(AuditEntry::operation)
                .containsExactly(AuditOperation.INSERT, AuditOperation.UPDATE, AuditOperation.DELETE);
        assertThat(a.log().history("users", 1001L).get(1).changedColumns()).containsExactly("name");
    }

    @MatrixTest
    void values_other_plugins_write_are_part_of_the_history(TestDatabase db) {
        // A value-writing plugin like kysera-timestamps (not a dependency of this module: plugins never depend on each other).
        Plugin stamps = new Plugin() {
            @Override
            public String name() {
                return "stamps";
            }

            @Override
            public void register(PluginRoles roles) {
                roles.writeValues((table, operation, context) -> table.is("users")
                        ? List.of(Assignment.forced(operation == Operation.INSERT ? "created_at" : "updated_at", DSL.val(NOW)))
                        : List.of());
            }
        };
        Fixtures.Audited a = audited(db, Fixtures.options().build(), stamps);
        Fixtures.seedUsers(a, 1001);
        a.ann().transaction(tx -> tx.dsl().update(USERS).set(USERS.NAME, "touched").where(USERS.ID.eq(1001L)).execute());
        List<AuditEntry> history = a.log().history("users", 1001L);
        assertThat(history.getFirst().newValues().get("created_at")).asString().startsWith(NOW.toString());
        assertThat(history.getLast().changedColumns()).containsExactlyInAnyOrder("name", "updated_at");
    }
}
