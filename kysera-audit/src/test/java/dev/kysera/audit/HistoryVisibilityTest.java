package dev.kysera.audit;

import static dev.kysera.audit.Fixtures.T0;
import static dev.kysera.audit.Fixtures.USER;
import static dev.kysera.audit.Fixtures.audited;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.error.NotFoundException;
import dev.kysera.executor.Executor;
import dev.kysera.executor.UnsupportedStatementException;
import dev.kysera.rls.Policies;
import dev.kysera.rls.RlsContext;
import dev.kysera.rls.RlsOptions;
import dev.kysera.rls.RlsPlugin;
import dev.kysera.rls.TablePolicy;
import dev.kysera.softdelete.SoftDeletePlugin;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.util.List;
import org.jooq.impl.DSL;

/** History is as visible as the row: row-level security and soft delete decide, in SQL, which entries a reader gets. */
class HistoryVisibilityTest {

    private static RlsPlugin tenantIsolation() {
        return RlsPlugin.of(RlsOptions.builder()
                .policy(TablePolicy.forTable("users").add(Policies.tenantIsolation(USERS.TENANT_ID)).add(Policies.allowAll()).build())
                .build());
    }

    private static Executor tenant(Fixtures.Audited a, int tenant, String user) {
        return a.executor().with(RlsPlugin.CONTEXT, RlsContext.of(user, tenant, "user")).with(USER, user);
    }

    private static void insertAndRename(Executor executor, long id) {
        executor.transaction(tx -> {
            tx.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(id, "u" + id + "@example.com", "u" + id).execute();
            tx.dsl().update(USERS).set(USERS.NAME, "renamed").where(USERS.ID.eq(id)).execute();
        });
    }

    @MatrixTest
    void a_tenant_reads_only_the_history_of_rows_its_policy_lets_it_see(TestDatabase db) {
        Fixtures.Audited a = audited(db, Fixtures.options().build(), tenantIsolation());
        Executor ann = tenant(a, 1, "ann");
        Executor bob = tenant(a, 2, "bob");
        insertAndRename(ann, 1001);
        insertAndRename(bob, 2001);
        assertThat(db.dsl().select(USERS.TENANT_ID).from(USERS).orderBy(USERS.ID).fetch(USERS.TENANT_ID)).containsExactly(1, 2);

        AuditLog annLog = a.audit().log(ann);
        List<AuditEntry> everything = a.log().find(AuditQuery.all());
        long bobsEntry = everything.stream().filter(e -> e.key().equals(java.util.Map.of("id", 2001L))).findFirst().orElseThrow().id();
        long annsEntry = everything.getFirst().id();

        assertThat(annLog.history("users", 1001L)).extracting(AuditEntry::operation)
                .containsExactly(AuditOperation.INSERT, AuditOperation.UPDATE);
        assertThat(annLog.history("users", 2001L)).isEmpty();
        assertThat(annLog.find(AuditQuery.all())).extracting(AuditEntry::changedBy).containsExactly("ann", "ann");
        assertThat(annLog.changes(T0.minusSeconds(1), T0.plusSeconds(1))).extracting(AuditEntry::key)
                .containsOnly(java.util.Map.of("id", 1001L)).hasSize(2);
        assertThat(annLog.entry(bobsEntry)).isEmpty();
        assertThat(annLog.entry(annsEntry)).isPresent();
        assertThatThrownBy(() -> annLog.diff(annsEntry, bobsEntry)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> annLog.restore(USERS, 2001L, bobsEntry)).isInstanceOf(NotFoundException.class);
        assertThat(db.dsl().fetchValue(USERS.NAME, USERS.ID.eq(2001L))).isEqualTo("renamed");

        // Paged reads skip what the reader may not see and still fill pages.
        List<AuditEntry> first = annLog.find(AuditQuery.all().limit(1));
        List<AuditEntry> second = annLog.find(AuditQuery.all().limit(1).afterId(first.getLast().id()));
        List<AuditEntry> third = annLog.find(AuditQuery.all().limit(1).afterId(second.getLast().id()));
        assertThat(first).extracting(AuditEntry::operation).containsExactly(AuditOperation.INSERT);
        assertThat(second).extracting(AuditEntry::operation).containsExactly(AuditOperation.UPDATE);
        assertThat(third).isEmpty();

        // The audit table itself is no relation the policy knows: request code cannot read it around the log.
        assertThatThrownBy(() -> ann.dsl().selectFrom(DSL.table(DSL.name("audit_log"))).fetch())
                .isInstanceOf(UnsupportedStatementException.class);
        // Administrators read every entry with the audit plugin's token.
        assertThat(annLog.everyEntry(a.audit().bypassToken()).history("users", 2001L)).hasSize(2);
        assertThatThrownBy(() -> annLog.everyEntry(dev.kysera.executor.BypassToken.create("forged")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @MatrixTest
    void the_history_of_a_deleted_row_is_read_through_a_view_that_sees_it_or_with_every_entry(TestDatabase db) {
        SoftDeletePlugin softDelete = Fixtures.softDeleteAsUpdate();
        Fixtures.Audited a = audited(db, Fixtures.options().build(), softDelete);
        Fixtures.seedUsers(a, 1001, 1002);
        a.ann().transaction(tx -> tx.dsl().deleteFrom(USERS).where(USERS.ID.eq(1001L)).execute());
        db.dsl().deleteFrom(USERS).where(USERS.ID.eq(1002L)).execute(); // removed for good, behind the toolkit's back

        AuditLog visible = a.audit().log(a.ann());
        assertThat(visible.history("users", 1001L)).isEmpty();
        assertThat(a.audit().log(softDelete.includingDeleted(a.ann())).history("users", 1001L)).extracting(AuditEntry::operation)
                .containsExactly(AuditOperation.INSERT, AuditOperation.SOFT_DELETE);
        assertThat(a.audit().log(softDelete.includingDeleted(a.ann())).history("users", 1002L)).isEmpty();
        assertThat(visible.everyEntry(a.audit().bypassToken()).history("users", 1002L)).extracting(AuditEntry::operation)
                .containsExactly(AuditOperation.INSERT);
    }
}
