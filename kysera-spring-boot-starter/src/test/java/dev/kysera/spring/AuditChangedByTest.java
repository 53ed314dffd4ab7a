package dev.kysera.spring;

import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.kysera.audit.AuditEntry;
import dev.kysera.audit.AuditOptions;
import dev.kysera.audit.AuditPlugin;
import dev.kysera.audit.AuditTable;
import dev.kysera.executor.Executor;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/** {@code changed_by} from Spring Security and request metadata in audit entries, over real HTTP and in plain contexts. */
class AuditChangedByTest {

    private static final String AUDIT_TABLE = "web_audit";

    private static void recreateAuditTable(TestDatabase db) {
        db.useTestSchema();
        db.dsl().execute("drop table if exists " + AUDIT_TABLE);
        AuditTable.create(db.dsl(), AuditOptions.builder().auditTable(AUDIT_TABLE).build());
    }

    private static List<AuditEntry> entries(ConfigurableApplicationContext app) {
        return app.getBean(AuditPlugin.class).log(app.getBean(Executor.class)).changes(Instant.EPOCH, Instant.now().plusSeconds(60));
    }

    private static HttpResponse<String> post(ConfigurableApplicationContext app, String path, String user) throws Exception {
        return Apps.send(app, "POST", path, user, Map.of("X-Request-Id", "req-" + path.hashCode()));
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void an_authenticated_users_change_names_them_and_an_anonymous_one_names_no_one(TestDatabase db) throws Exception {
        recreateAuditTable(db);
        try (ConfigurableApplicationContext app = Apps.start(db, AuditWebApp.class, WebApplicationType.SERVLET, "server.port=0",
                "kysera.audit.audit-table=" + AUDIT_TABLE, "kysera.audit.tables.users.key=id",
                "kysera.audit.metadata.headers=X-Request-Id", "kysera.audit.metadata.request=true")) {
            assertThat(app.getBean(ChangedByResolver.class)).isInstanceOf(SecurityChangedByResolver.class);
            assertThat(post(app, "/users?email=carol@example.com", "carol").statusCode()).isEqualTo(200);
            assertThat(post(app, "/open/users?email=anon@example.com", null).statusCode()).isEqualTo(200);
            assertThat(post(app, "/users?email=refused@example.com", null).statusCode()).isEqualTo(401);

            List<AuditEntry> entries = entries(app);
            assertThat(entries).extracting(e -> e.newValues().get("email"), AuditEntry::changedBy)
                    .containsExactly(tuple("carol@example.com", "carol"),
                            tuple("anon@example.com", null));
            assertThat(entries.get(0).metadata()).isEqualTo(Map.of("http.request.method", "POST", "url.path", "/users",
                    "http.request.header.x-request-id", "req-" + "/users?email=carol@example.com".hashCode()));
            assertThat(entries.get(1).metadata()).containsEntry("url.path", "/open/users");
        } finally {
            db.dsl().execute("drop table " + AUDIT_TABLE);
        }
        assertThat(db.dsl().select(USERS.EMAIL).from(USERS).orderBy(USERS.ID).fetch(USERS.EMAIL))
                .containsExactly("carol@example.com", "anon@example.com");
    }

    @MatrixTest(only = Engine.SQLITE)
    void a_resolver_bean_replaces_the_security_one_and_the_property_turns_it_off(TestDatabase db) {
        recreateAuditTable(db);
        String[] audited = {"kysera.audit.audit-table=" + AUDIT_TABLE, "kysera.audit.tables.users.key=id"};
        SecurityContextHolder.getContext().setAuthentication(
                new UsernamePasswordAuthenticationToken("dave", "n/a", AuthorityUtils.createAuthorityList("ROLE_USER")));
        try {
            ChangedByResolver job = context -> Optional.of("nightly-job");
            try (ConfigurableApplicationContext app = Apps.start(db, TransactionApp.class, WebApplicationType.NONE, Map.<String, Object>of("jobUser", job),
                    audited)) {
                app.getBean(TransactionApp.Writes.class).writeEverywhere("job", false);
                assertThat(entries(app)).isNotEmpty().allMatch(e -> "nightly-job".equals(e.changedBy()));
            }
            db.dsl().execute("delete from " + AUDIT_TABLE);
            try (ConfigurableApplicationContext app = Apps.start(db, TransactionApp.class, WebApplicationType.NONE, audited)) {
                app.getBean(TransactionApp.Writes.class).writeEverywhere("dave", false);
                assertThat(entries(app)).isNotEmpty().allMatch(e -> "dave".equals(e.changedBy()));
            }
            db.dsl().execute("delete from " + AUDIT_TABLE);
            try (ConfigurableApplicationContext app = Apps.start(db, TransactionApp.class, WebApplicationType.NONE,
                    audited[0], audited[1], "kysera.audit.record-changed-by=false")) {
                assertThat(app.getBeansOfType(ChangedByResolver.class)).isEmpty();
                app.getBean(TransactionApp.Writes.class).writeEverywhere("nobody", false);
                assertThat(entries(app)).isNotEmpty().allMatch(e -> e.changedBy() == null);
            }
        } finally {
            SecurityContextHolder.clearContext();
            db.dsl().execute("drop table " + AUDIT_TABLE);
        }
        assertThatThrownBy(() -> Apps.start(db, TransactionApp.class, WebApplicationType.NONE, "kysera.audit.record-changed-by=true"))
                .hasStackTraceContaining("kysera.audit.tables names no table, so nothing would be audited");
    }
}
