package dev.kysera.softdelete;

import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.executor.Executor;
import dev.kysera.executor.Plugin;
import dev.kysera.executor.PluginRoles;
import dev.kysera.executor.StatementEvent;
import dev.kysera.executor.StatementKind;
import dev.kysera.executor.StatementObserver;
import dev.kysera.executor.plan.StatementPlan;
import dev.kysera.executor.plan.WriteIntent;
import dev.kysera.repository.Repository;
import dev.kysera.repository.Values;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every soft delete and restore, whatever made it, says so in its statement's plan. */
class WriteIntentTest {

    static final LocalDateTime NOW = LocalDateTime.of(2026, 3, 4, 5, 6, 7);
    static final Clock CLOCK = Clock.fixed(NOW.toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

    /** The plans of the UPDATEs that ran. */
    static final class Updates implements Plugin {
        final List<StatementPlan> plans = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "updates";
        }

        @Override
        public void register(PluginRoles roles) {
            roles.statementObserver(new StatementObserver() {
                @Override
                public void afterStatement(StatementEvent event) {
                    if (event.plan().kind() == StatementKind.UPDATE) {
                        plans.add(event.plan());
                    }
                }
            });
        }
    }

    record User(long id, String name, LocalDateTime deletedAt) {
    }

    @MatrixTest
    void the_operations_and_delete_as_update_declare_soft_delete_and_restore(TestDatabase db) {
        db.useTestSchema();
        SoftDeletePlugin softDelete = SoftDeletePlugin.of(SoftDeleteOptions.builder().clock(CLOCK).deleteAsUpdate(true).build());
        Updates updates = new Updates();
        Executor executor = Executor.of(db.dsl(), softDelete, updates);
        Repository<User, Long, Values, Values> users = Repository.builder(USERS, USERS.ID)
                .mapper(r -> new User(r.get(USERS.ID), r.get(USERS.NAME), r.get(USERS.DELETED_AT))).build(executor);
        long a = users.create(Values.of(USERS.EMAIL, "a@example.com").set(USERS.NAME, "a")).id();
        long b = users.create(Values.of(USERS.EMAIL, "b@example.com").set(USERS.NAME, "b")).id();
        SoftDeleteOperations<User, Long> ops = users.extension(softDelete.operations());

        ops.softDelete(a);
        ops.restore(a);
        ops.softDeleteMany(List.of(a, b));
        ops.restoreMany(List.of(a, b));
        executor.dsl().deleteFrom(USERS).where(USERS.ID.eq(b)).execute();
        executor.dsl().update(USERS).set(USERS.NAME, "renamed").where(USERS.ID.eq(a)).execute();
        // Hand-written marker UPDATEs, declared through the plugin.
        softDelete.restoring(softDelete.includingDeleted(executor)).dsl().update(USERS).set(USERS.DELETED_AT, (LocalDateTime) null)
                .where(USERS.ID.eq(b)).execute();
        softDelete.softDeleting(executor).dsl().update(USERS).set(USERS.DELETED_AT, NOW).where(USERS.ID.eq(b)).execute();

        assertThat(updates.plans).extracting(StatementPlan::intent).containsExactly(WriteIntent.SOFT_DELETE, WriteIntent.RESTORE,
                WriteIntent.SOFT_DELETE, WriteIntent.RESTORE, WriteIntent.SOFT_DELETE, WriteIntent.AS_WRITTEN, WriteIntent.RESTORE,
                WriteIntent.SOFT_DELETE);
        assertThat(updates.plans).extracting(plan -> plan.writtenKind()).containsExactly(StatementKind.UPDATE, StatementKind.UPDATE,
                StatementKind.UPDATE, StatementKind.UPDATE, StatementKind.DELETE, StatementKind.UPDATE, StatementKind.UPDATE,
                StatementKind.UPDATE);
        assertThat(updates.plans.subList(0, 5)).allSatisfy(plan -> assertThat(plan.changedBy()).contains(softDelete.name()));
        assertThat(db.dsl().fetchValue(USERS.DELETED_AT, USERS.ID.eq(a))).isNull();
        assertThat(db.dsl().fetchValue(USERS.NAME, USERS.ID.eq(a))).isEqualTo("renamed");
        assertThat(db.dsl().fetchValue(USERS.DELETED_AT, USERS.ID.eq(b))).isEqualTo(NOW);
    }
}
