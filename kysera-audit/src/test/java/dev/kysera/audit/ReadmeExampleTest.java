package dev.kysera.audit;

import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.executor.ContextKey;
import dev.kysera.executor.Executor;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import dev.kysera.testsupport.schema.tables.records.UsersRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** The README example, as written there (system clock), on every database. */
class ReadmeExampleTest {

    static final ContextKey<String> USER = ContextKey.of("user", String.class);

    @MatrixTest
    void the_readme_example_runs(TestDatabase db) {
        db.useTestSchema();
        DSLContext dsl = db.dsl();
        dsl.dropTableIfExists(DSL.name("audit_log")).execute();
        Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        AuditPlugin audit = AuditOptions.builder()
                .table("users", "id")
                .table(AuditedTable.of("post_tags", "post_id", "tag_id"))
                .table(AuditedTable.of("accounts", "id").redacting("owner"))
                .changedBy(USER)
                .plugin();
        AuditTable.create(dsl, audit.options());

        try (Executor executor = Executor.of(dsl, audit)) {
            AuditLog log = audit.log(executor);
            Executor ann = executor.with(USER, "ann");
            ann.transaction(tx -> {
                tx.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(1L, "ann@example.com", "Ann").execute();
                tx.dsl().update(USERS).set(USERS.NAME, "Anna").where(USERS.ID.eq(1L)).execute();
            });

            List<AuditEntry> history = log.history("users", 1L);
            assertThat(history).extracting(AuditEntry::operation).containsExactly(AuditOperation.INSERT, AuditOperation.UPDATE);
            assertThat(history.get(1).oldValues()).containsEntry("name", "Ann");
            assertThat(history.get(1).newValues()).containsEntry("name", "Anna");
            assertThat(history.get(1).changedBy()).isEqualTo("ann");

            UsersRecord restored = log.restore(USERS, 1L, history.get(1).id())
                    .row().orElseThrow();
            assertThat(restored.getName()).isEqualTo("Ann");
            assertThat(dsl.fetchValue(USERS.NAME, USERS.ID.eq(1L))).isEqualTo("Ann");
            assertThat(log.changes(from, Instant.now().plusSeconds(60))).hasSize(3);
        }
    }
}
