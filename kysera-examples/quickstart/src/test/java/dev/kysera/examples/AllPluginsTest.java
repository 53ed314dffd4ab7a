package dev.kysera.examples;

import static dev.kysera.testsupport.schema.Tables.POSTS;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.audit.AuditEntry;
import dev.kysera.audit.AuditLog;
import dev.kysera.audit.AuditOperation;
import dev.kysera.audit.AuditOptions;
import dev.kysera.audit.AuditPlugin;
import dev.kysera.audit.AuditTable;
import dev.kysera.core.error.AccessDeniedException;
import dev.kysera.executor.ContextKey;
import dev.kysera.executor.Executor;
import dev.kysera.rls.Policies;
import dev.kysera.rls.RlsContext;
import dev.kysera.rls.RlsOptions;
import dev.kysera.rls.RlsPlugin;
import dev.kysera.rls.TablePolicy;
import dev.kysera.softdelete.SoftDeleteOptions;
import dev.kysera.softdelete.SoftDeletePlugin;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import dev.kysera.timestamps.TimestampsOptions;
import dev.kysera.timestamps.TimestampsPlugin;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import dev.kysera.testsupport.schema.tables.records.PostsRecord;

/**
 * Row-level security, soft delete, timestamps and audit on one executor: every statement is filtered
 * by tenant and liveness, stamped, and recorded in the same transaction; a refused write leaves
 * neither a change nor a history entry.
 */
class AllPluginsTest {

    static final ContextKey<String> WHO = ContextKey.of("who", String.class);
    static final LocalDateTime NOW = LocalDateTime.of(2026, 3, 4, 5, 6, 7);
    static final Clock CLOCK = Clock.fixed(NOW.toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

    @MatrixTest
    void rls_soft_delete_timestamps_and_audit_apply_together(TestDatabase db) {
        db.useTestSchema();
        db.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME, USERS.TENANT_ID)
                .values(1001L, "alice@example.com", "alice", 1).values(1002L, "bob@example.com", "bob", 2).execute();
        db.dsl().insertInto(POSTS, POSTS.ID, POSTS.USER_ID, POSTS.TITLE, POSTS.TENANT_ID).values(6001L, 1002L, "bob's", 2).execute();

        RlsPlugin rls = RlsPlugin.of(RlsOptions.builder()
                .policy(TablePolicy.forTable("users").add(Policies.tenantIsolation(USERS.TENANT_ID)).add(Policies.allowAll()).build())
                .policy(TablePolicy.forTable("posts").add(Policies.tenantIsolation(POSTS.TENANT_ID)).add(Policies.allowAll()).build())
                // History is read through the executor, so a fail-closed RLS must know the audit table (here: open to all).
                .harmless("audit_log")
                .build());
        SoftDeletePlugin softDelete = SoftDeletePlugin.of(SoftDeleteOptions.builder().deleteAsUpdate(true).clock(CLOCK).build());
        AuditPlugin audit = AuditOptions.builder().table("posts", "id").changedBy(WHO).plugin();
        AuditTable.create(db.dsl(), audit.options());

        try (Executor executor = Executor.of(db.dsl(), rls, softDelete,
                TimestampsPlugin.of(TimestampsOptions.builder().clock(CLOCK).build()), audit)) {
            // the whole history, as an administrator: alice's soft-deleted post is no longer hers to see
            AuditLog log = audit.log(executor).everyEntry(audit.bypassToken());
            Executor alice = executor.with(RlsPlugin.CONTEXT, RlsContext.of(1001L, 1, "user")).with(WHO, "alice");

            alice.transaction(tx -> tx.dsl().insertInto(POSTS, POSTS.ID, POSTS.USER_ID, POSTS.TITLE).values(5001L, 1001L, "hello").execute());
            Record stored = db.dsl().selectFrom(POSTS).where(POSTS.ID.eq(5001L)).fetchOne();
            assertThat(stored.get(POSTS.TENANT_ID)).as("stamped by RLS").isEqualTo(1);
            assertThat(stored.get(POSTS.CREATED_AT)).as("stamped by timestamps").isEqualTo(NOW);

            DSLContext aliceDsl = alice.dsl();
            assertThat(aliceDsl.selectFrom(POSTS).fetch(POSTS.ID)).as("tenant 1 sees only its own posts").containsExactly(5001L);

            alice.transaction(tx -> assertThat(tx.dsl().deleteFrom(POSTS).where(POSTS.ID.in(5001L, 6001L)).execute()).isEqualTo(1));
            assertThat(db.dsl().fetchCount(POSTS)).as("soft deleted, not removed").isEqualTo(2);
            assertThat(db.dsl().select(POSTS.DELETED_AT).from(POSTS).where(POSTS.ID.eq(5001L)).fetchOne().value1()).isEqualTo(NOW);
            assertThat(db.dsl().select(POSTS.DELETED_AT).from(POSTS).where(POSTS.ID.eq(6001L)).fetchOne().value1())
                    .as("the other tenant's post is untouched").isNull();
            assertThat(aliceDsl.selectFrom(POSTS).fetch()).as("soft-deleted rows are hidden").isEmpty();

            Result<PostsRecord> before = db.dsl().selectFrom(POSTS).orderBy(POSTS.ID).fetch();
            assertThatThrownBy(() -> alice.transaction(tx -> tx.dsl().insertInto(POSTS, POSTS.ID, POSTS.USER_ID, POSTS.TITLE, POSTS.TENANT_ID)
                    .values(5002L, 1001L, "foreign", 2).execute())).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> alice.transaction(tx -> {
                tx.dsl().insertInto(POSTS, POSTS.ID, POSTS.USER_ID, POSTS.TITLE).values(5003L, 1001L, "undone").execute();
                throw new IllegalStateException("roll back");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(db.dsl().selectFrom(POSTS).orderBy(POSTS.ID).fetch()).isEqualTo(before);

            assertThat(log.history("posts", 5001L)).extracting(AuditEntry::operation)
                    .containsExactly(AuditOperation.INSERT, AuditOperation.SOFT_DELETE);
            assertThat(log.history("posts", 5001L)).extracting(AuditEntry::changedBy).containsOnly("alice");
            assertThat(log.history("posts", 5002L)).as("a refused write has no history").isEmpty();
            assertThat(log.history("posts", 5003L)).as("a rolled-back write has no history").isEmpty();
            assertThat(log.history("posts", 6001L)).isEmpty();
        }
    }
}
