package dev.kysera.audit;

import static dev.kysera.audit.Fixtures.T0;
import static dev.kysera.audit.Fixtures.audited;
import static dev.kysera.audit.Fixtures.seedUsers;
import static dev.kysera.testsupport.schema.Tables.ACCOUNTS;
import static dev.kysera.testsupport.schema.Tables.SETTINGS;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.error.AccessDeniedException;
import dev.kysera.core.error.NotFoundException;
import dev.kysera.executor.BypassToken;
import dev.kysera.executor.PluginConfigurationException;
import dev.kysera.executor.UnsupportedStatementException;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import dev.kysera.testsupport.schema.tables.records.UsersRecord;
import java.util.concurrent.atomic.AtomicReference;
import org.jooq.impl.DSL;

/** Queries, restore, and the protection of the audit log itself. */
class AuditLogTest {

    @MatrixTest
    void restore_puts_a_row_back_as_it_was_before_an_update_or_a_delete_and_is_audited_itself(TestDatabase db) {
        Fixtures.Audited a = audited(db);
        seedUsers(a, 1001);
        a.ann().transaction(tx -> tx.dsl().update(USERS).set(USERS.NAME, "second").set(USERS.STATUS, "suspended")
                .where(USERS.ID.eq(1001L)).execute());
        a.ann().transaction(tx -> tx.dsl().update(USERS).set(USERS.NAME, "third").where(USERS.ID.eq(1001L)).execute());
        List<AuditEntry> history = a.log().history("users", 1001L);
        long firstUpdate = history.get(1).id();

        AuditRestore<UsersRecord> updated = a.log().restore(USERS, 1001L, firstUpdate);
        assertThat(updated.operation()).isEqualTo(AuditOperation.UPDATE);
        // The restored row comes back with the result, as stored: no second read needed.
        UsersRecord row = updated.row().orElseThrow();
        assertThat(row.getId()).isEqualTo(1001L);
        assertThat(row.getName()).isEqualTo("u1001");
        assertThat(row.getStatus()).isEqualTo("active");
        assertThat(row.getEmail()).isEqualTo("u1001@example.com");
        assertThat(a.users()).containsExactly(Map.of("id", 1001L, "name", "u1001", "status", "active"));
        AuditEntry restore = a.log().history("users", 1001L).getLast();
        assertThat(restore.operation()).isEqualTo(AuditOperation.UPDATE);
        assertThat(restore.oldValues()).containsEntry("name", "third").containsEntry("status", "suspended");
        assertThat(restore.newValues()).isEqualTo(history.getFirst().newValues());
        assertThat(restore.changedColumns()).containsExactlyInAnyOrder("name", "status");

        // A deleted row is re-created with its old values.
        a.ann().transaction(tx -> tx.dsl().deleteFrom(USERS).where(USERS.ID.eq(1001L)).execute());
        long deletion = a.log().history("users", 1001L).getLast().id();
        assertThat(a.users()).isEmpty();
        AuditRestore<UsersRecord> recreated = a.log().restore(USERS, 1001L, deletion);
        assertThat(recreated.operation()).isEqualTo(AuditOperation.INSERT);
        assertThat(recreated.row().orElseThrow().getName()).isEqualTo("u1001");
        assertThat(recreated.row().orElseThrow().getVersion()).isEqualTo(row.getVersion());
        assertThat(a.users()).containsExactly(Map.of("id", 1001L, "name", "u1001", "status", "active"));
        assertThat(a.log().history("users", 1001L).getLast().operation()).isEqualTo(AuditOperation.INSERT);
    }

    @MatrixTest
    void restore_refuses_inserts_entries_of_other_rows_or_tables_and_unknown_entries(TestDatabase db) {
        Fixtures.Audited a = audited(db);
        seedUsers(a, 1001, 1002);
        a.ann().transaction(tx -> tx.dsl().insertInto(SETTINGS, SETTINGS.SETTING_KEY, SETTINGS.SETTING_VALUE).values("theme", "dark")
                .execute());
        long insertOf1001 = a.log().history("users", 1001L).getFirst().id();
        long insertOfTheme = a.log().history("settings", "theme").getFirst().id();
        assertThatThrownBy(() -> a.log().restore(USERS, 1001L, insertOf1001)).isInstanceOf(AuditRestoreException.class)
                .hasMessageContaining("INSERT");
        assertThatThrownBy(() -> a.log().restore(USERS, 1002L, insertOf1001)).isInstanceOf(AuditRestoreException.class)
                .hasMessageContaining("not of users");
        assertThatThrownBy(() -> a.log().restore(USERS, 1001L, insertOfTheme)).isInstanceOf(AuditRestoreException.class);
        assertThatThrownBy(() -> a.log().restore(USERS, 1001L, 999_999L)).isInstanceOf(NotFoundException.class);
        assertThat(a.users()).hasSize(2);
    }

    @MatrixTest
    void the_audit_log_refuses_update_delete_and_insert_through_the_executor_and_purges_only_with_the_token(TestDatabase db) {
        Fixtures.Audited a = audited(db);
        seedUsers(a, 1001, 1002);
        var log = DSL.table(DSL.name("audit_log"));
        var changedBy = DSL.field(DSL.name("changed_by"), String.class);
        assertThatThrownBy(() -> a.ann().transaction(tx -> tx.dsl().update(log).set(changedBy, "mallory").execute()))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> a.ann().dsl().deleteFrom(log).execute()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> a.ann().transaction(tx -> tx.dsl().execute("delete from audit_log")))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> a.ann().transaction(tx -> tx.dsl().insertInto(log).set(changedBy, "forged").execute()))
                .isInstanceOf(AccessDeniedException.class);
        // The plugin fails closed: it cannot be switched off by name, and opaque statements are refused.
        assertThatThrownBy(() -> a.executor().withoutPlugin("audit")).isInstanceOf(PluginConfigurationException.class);
        assertThatThrownBy(() -> a.executor().withoutPlugins()).isInstanceOf(PluginConfigurationException.class);
        assertThatThrownBy(() -> a.ann().transaction(tx -> tx.dsl().truncate(USERS).execute()))
                .isInstanceOf(UnsupportedStatementException.class);
        assertThat(a.auditRows()).isEqualTo(2);
        assertThat(db.dsl().select(changedBy).from(log).fetch(changedBy)).containsOnly("ann");

        assertThatThrownBy(() -> a.log().purge(BypassToken.create("guess"), T0.plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(a.log().purge(a.audit().bypassToken(), T0)).isZero();
        assertThat(a.log().purge(a.audit().bypassToken(), T0.plusSeconds(1))).isEqualTo(2);
        assertThat(a.auditRows()).isZero();
        assertThat(a.users()).hasSize(2);
    }

    @MatrixTest
    void changes_in_a_time_range_are_ordered_by_time_then_id_and_carry_who_and_metadata(TestDatabase db) {
        AtomicReference<Instant> now = new AtomicReference<>(T0);
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        AuditOptions options = Fixtures.options().clock(clock)
                .metadata(context -> Map.of("request", context.get(Fixtures.USER).orElse("none") + "-req", "dialect",
                        context.dialect().family().name().toLowerCase(java.util.Locale.ROOT)))
                .table(AuditedTable.of("users", "id").excluding("email")).build();
        Fixtures.Audited a = audited(db, options);
        seedUsers(a, 1001);
        now.set(T0.plus(Duration.ofMinutes(1)));
        a.executor().with(Fixtures.USER, "bob").transaction(tx -> tx.dsl().update(USERS).set(USERS.NAME, "b")
                .set(USERS.EMAIL, "secret@example.com").where(USERS.ID.eq(1001L)).execute());
        now.set(T0.plus(Duration.ofMinutes(2)));
        a.ann().transaction(tx -> tx.dsl().insertInto(SETTINGS, SETTINGS.SETTING_KEY, SETTINGS.SETTING_VALUE).values("k", "v")
                .execute());

        assertThat(a.log().changes(T0, T0.plus(Duration.ofMinutes(3)))).extracting(AuditEntry::table, AuditEntry::changedBy)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("users", "ann"), org.assertj.core.groups.Tuple.tuple("users", "bob"),
                        org.assertj.core.groups.Tuple.tuple("settings", "ann"));
        List<AuditEntry> minuteOne = a.log().changes(T0.plus(Duration.ofMinutes(1)), T0.plus(Duration.ofMinutes(2)));
        assertThat(minuteOne).singleElement().satisfies(e -> {
            assertThat(e.changedBy()).isEqualTo("bob");
            assertThat(e.metadata()).containsEntry("request", "bob-req");
            // The excluded column is never stored, and its change alone is not a change.
            assertThat(e.oldValues()).doesNotContainKey("email");
            assertThat(e.newValues()).doesNotContainKey("email");
            assertThat(e.changedColumns()).containsExactly("name");
        });
        assertThat(a.log().changes("settings", T0, T0.plus(Duration.ofMinutes(3)))).singleElement()
                .extracting(AuditEntry::operation).isEqualTo(AuditOperation.INSERT);
        assertThat(a.log().entry(minuteOne.getFirst().id())).contains(minuteOne.getFirst());
    }

    @MatrixTest
    void find_filters_by_table_row_operation_user_and_time_and_pages_by_id(TestDatabase db) {
        Fixtures.Audited a = audited(db);
        seedUsers(a, 1001, 1002, 1003);
        a.executor().with(Fixtures.USER, "bob").transaction(tx -> tx.dsl().update(USERS).set(USERS.STATUS, "closed")
                .where(USERS.ID.le(1002L)).execute());
        a.executor().with(Fixtures.USER, "bob").transaction(tx -> tx.dsl().deleteFrom(USERS).where(USERS.ID.eq(1003L)).execute());

        assertThat(a.log().find(AuditQuery.all().changedBy("bob"))).hasSize(3);
        assertThat(a.log().find(AuditQuery.all().table("users").operation(AuditOperation.UPDATE)))
                .extracting(e -> e.key().get("id")).containsExactly(1001L, 1002L);
        assertThat(a.log().find(AuditQuery.all().row("users", 1003L))).extracting(AuditEntry::operation)
                .containsExactly(AuditOperation.INSERT, AuditOperation.DELETE);
        assertThat(a.log().find(AuditQuery.all().between(T0.plusSeconds(1), null))).isEmpty();

        List<AuditEntry> first = a.log().find(AuditQuery.all().limit(4));
        List<AuditEntry> second = a.log().find(AuditQuery.all().limit(4).afterId(first.getLast().id()));
        assertThat(first).hasSize(4);
        assertThat(second).hasSize(2);
        assertThat(second.getFirst().id()).isGreaterThan(first.getLast().id());
        assertThatThrownBy(() -> AuditQuery.all().limit(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @MatrixTest
    void diff_compares_two_versions_of_one_row(TestDatabase db) {
        Fixtures.Audited a = audited(db);
        seedUsers(a, 1001, 1002);
        a.ann().transaction(tx -> tx.dsl().update(USERS).set(USERS.NAME, "b").where(USERS.ID.eq(1001L)).execute());
        a.ann().transaction(tx -> tx.dsl().update(USERS).set(USERS.STATUS, "closed").where(USERS.ID.eq(1001L)).execute());
        List<AuditEntry> history = a.log().history("users", 1001L);
        assertThat(a.log().diff(history.get(0).id(), history.get(2).id())).containsExactly(
                new AuditDiff("name", "u1001", "b"), new AuditDiff("status", "active", "closed"));
        assertThat(a.log().diff(history.get(1).id(), history.get(1).id())).isEmpty();
        long other = a.log().history("users", 1002L).getFirst().id();
        assertThatThrownBy(() -> a.log().diff(history.get(0).id(), other)).isInstanceOf(AuditRestoreException.class);
    }

    @MatrixTest
    void purge_deletes_in_batches_until_nothing_older_is_left(TestDatabase db) {
        Fixtures.Audited a = audited(db);
        long[] ids = new long[1203];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 10_000 + i;
        }
        seedUsers(a, ids);
        assertThat(a.auditRows()).isEqualTo(1203);
        List<Long> progress = new java.util.ArrayList<>();
        assertThat(a.log().purge(a.audit().bypassToken(), T0.plusSeconds(1), progress::add)).isEqualTo(1203);
        assertThat(progress).containsExactly(1000L, 1203L);
        assertThat(a.auditRows()).isZero();
    }

    @MatrixTest
    void retention_purges_by_the_clock_and_refuses_a_negative_retention_or_a_forged_token(TestDatabase db) {
        Fixtures.Audited a = audited(db);
        seedUsers(a, 1001);
        List<Long> progress = new java.util.ArrayList<>();
        // The fixed clock says T0, the entry was written at T0: a retention of one hour keeps it, of zero deletes it.
        assertThat(a.log().purgeOlderThan(a.audit().bypassToken(), java.time.Duration.ofHours(1), progress::add)).isZero();
        assertThat(a.auditRows()).isEqualTo(1);
        assertThatThrownBy(() -> a.log().purgeOlderThan(a.audit().bypassToken(), java.time.Duration.ofHours(-1), progress::add))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-1H");
        assertThatThrownBy(() -> a.log().purgeOlderThan(dev.kysera.executor.BypassToken.create("forged"), java.time.Duration.ZERO,
                progress::add)).isInstanceOf(IllegalArgumentException.class);
        assertThat(a.auditRows()).isEqualTo(1);
        assertThat(a.log().purge(a.audit().bypassToken(), T0.plusMillis(1), progress::add)).isEqualTo(1);
        assertThat(progress).containsExactly(1L);
    }

    @MatrixTest
    void redacted_columns_record_that_they_changed_but_never_their_values_and_are_not_restored(TestDatabase db) {
        AuditOptions options = Fixtures.options().table(AuditedTable.of("users", "id").redacting("email")).build();
        Fixtures.Audited a = audited(db, options);
        seedUsers(a, 1001);
        a.ann().transaction(tx -> tx.dsl().update(USERS).set(USERS.EMAIL, "new-secret@example.com").set(USERS.NAME, "n")
                .where(USERS.ID.eq(1001L)).execute());
        AuditEntry update = a.log().history("users", 1001L).getLast();
        assertThat(update.changedColumns()).containsExactlyInAnyOrder("email", "name");
        assertThat(update.oldValues()).containsEntry("email", AuditedTable.REDACTED).containsEntry("name", "u1001");
        assertThat(update.newValues()).containsEntry("email", AuditedTable.REDACTED);
        String stored = db.dsl().select(DSL.field(DSL.name("new_values")).cast(String.class)).from(DSL.table(DSL.name("audit_log")))
                .fetch(0, String.class).toString();
        assertThat(stored).doesNotContain("secret").doesNotContain("u1001@example.com");

        a.log().restore(USERS, 1001L, update.id());
        assertThat(db.dsl().fetchValue(USERS.NAME, USERS.ID.eq(1001L))).isEqualTo("u1001");
        assertThat(db.dsl().fetchValue(USERS.EMAIL, USERS.ID.eq(1001L))).isEqualTo("new-secret@example.com");
    }

    @MatrixTest
    void restore_round_trips_uuids_decimals_and_timestamps(TestDatabase db) {
        Fixtures.Audited a = audited(db, Fixtures.options().table("accounts", "id").build());
        java.util.UUID id = java.util.UUID.fromString("0b6f1e8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b");
        java.time.LocalDateTime created = java.time.LocalDateTime.of(2025, 12, 31, 23, 59, 58, 123_456_000);
        a.ann().transaction(tx -> {
            tx.dsl().insertInto(ACCOUNTS, ACCOUNTS.ID, ACCOUNTS.OWNER, ACCOUNTS.BALANCE).values(id, "ann", new java.math.BigDecimal("12.30"))
                    .execute();
            tx.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME, USERS.CREATED_AT).values(1001L, "t@example.com", "t", created)
                    .execute();
        });
        // As the database stores it (jOOQ keeps milliseconds on SQLite).
        java.time.LocalDateTime stored = db.dsl().fetchValue(USERS.CREATED_AT, USERS.ID.eq(1001L));
        a.ann().transaction(tx -> {
            tx.dsl().update(ACCOUNTS).set(ACCOUNTS.BALANCE, new java.math.BigDecimal("99.99")).where(ACCOUNTS.ID.eq(id)).execute();
            tx.dsl().update(USERS).set(USERS.CREATED_AT, created.plusDays(1)).where(USERS.ID.eq(1001L)).execute();
        });
        AuditEntry balance = a.log().history("accounts", id).getLast();
        assertThat(balance.oldValues()).containsEntry("balance", "12.3");
        assertThat(balance.key()).isEqualTo(Map.of("id", id.toString()));
        a.log().restore(ACCOUNTS, id, balance.id());
        a.log().restore(USERS, 1001L, a.log().history("users", 1001L).getLast().id());
        assertThat(db.dsl().fetchValue(ACCOUNTS.BALANCE, ACCOUNTS.ID.eq(id))).isEqualByComparingTo("12.30");
        assertThat(db.dsl().fetchValue(USERS.CREATED_AT, USERS.ID.eq(1001L))).isEqualTo(stored);
        assertThat(a.log().history("accounts", id)).extracting(AuditEntry::operation)
                .containsExactly(AuditOperation.INSERT, AuditOperation.UPDATE, AuditOperation.UPDATE);
    }

    @MatrixTest
    void large_values_are_stored_truncated_when_configured_and_then_cannot_be_restored(TestDatabase db) {
        Fixtures.Audited a = audited(db, Fixtures.options().maxValueLength(100).build());
        String large = "x".repeat(900);
        a.ann().transaction(tx -> tx.dsl().insertInto(SETTINGS, SETTINGS.SETTING_KEY, SETTINGS.SETTING_VALUE).values("big", large)
                .execute());
        a.ann().transaction(tx -> tx.dsl().update(SETTINGS).set(SETTINGS.SETTING_VALUE, large + "y").where(SETTINGS.SETTING_KEY.eq("big"))
                .execute());
        AuditEntry update = a.log().history("settings", "big").getLast();
        assertThat(update.changedColumns()).containsExactly("setting_value");
        assertThat(update.oldValues().get("setting_value")).isEqualTo("x".repeat(100) + AuditOptions.TRUNCATED + "900 chars]");
        assertThatThrownBy(() -> a.log().restore(SETTINGS, "big", update.id())).isInstanceOf(AuditRestoreException.class)
                .hasMessageContaining("truncated");
        assertThat(db.dsl().fetchValue(SETTINGS.SETTING_VALUE, SETTINGS.SETTING_KEY.eq("big"))).isEqualTo(large + "y");
        assertThatThrownBy(() -> Fixtures.options().maxValueLength(-1).build()).isInstanceOf(IllegalArgumentException.class);
    }

    @MatrixTest(except = dev.kysera.testsupport.Engine.SQLITE) // SQLite has no schemas (only attached databases)
    void the_audit_table_can_live_in_another_schema(TestDatabase db) {
        String schema = (db.isolationName() + "_hist").toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        db.dsl().execute(db.engine() == dev.kysera.testsupport.Engine.MARIADB ? "create database " + schema : "create schema " + schema);
        try {
            AuditOptions options = Fixtures.options().auditTable(schema + ".audit_log").build();
            db.useTestSchema();
            AuditTable.create(db.dsl(), options);
            AuditPlugin audit = AuditPlugin.of(options);
            dev.kysera.executor.Executor executor = dev.kysera.executor.Executor.of(db.dsl(), audit);
            AuditLog log = audit.log(executor);
            executor.transaction(tx -> tx.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(1001L, "s@example.com", "s")
                    .execute());
            assertThat(log.history("users", 1001L)).singleElement().extracting(AuditEntry::operation).isEqualTo(AuditOperation.INSERT);
            assertThat(db.dsl().fetchCount(DSL.table(DSL.name(schema, "audit_log")))).isEqualTo(1);
            assertThatThrownBy(() -> executor.transaction(tx -> tx.dsl().deleteFrom(DSL.table(DSL.name(schema, "audit_log"))).execute()))
                    .isInstanceOf(AccessDeniedException.class);
        } finally {
            db.dsl().execute(db.engine() == dev.kysera.testsupport.Engine.MARIADB ? "drop database " + schema
                    : "drop schema " + schema + " cascade");
        }
    }
}
