package dev.kysera.spring;

import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.audit.AuditEntry;
import dev.kysera.audit.AuditOperation;
import dev.kysera.audit.AuditOptions;
import dev.kysera.audit.AuditPlugin;
import dev.kysera.audit.AuditTable;
import dev.kysera.audit.AuditedTable;
import dev.kysera.debug.QueryLog;
import dev.kysera.debug.SqlStyle;
import dev.kysera.executor.Executor;
import dev.kysera.micrometer.MicrometerPlugin;
import dev.kysera.spring.TransactionApp.Writes;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/** Plugins the starter builds from {@code kysera.micrometer.*}, {@code kysera.audit.*} and {@code kysera.debug.*}, in real applications. */
class PluginPropertiesTest {

    private static ConfigurableApplicationContext start(TestDatabase db, String... properties) {
        db.useTestSchema();
        return Apps.start(db, TransactionApp.class, WebApplicationType.NONE, properties);
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void statements_become_timers_of_the_applications_meter_registry(TestDatabase db) {
        try (ConfigurableApplicationContext app = start(db, "kysera.micrometer.prefix=app.db")) {
            Executor executor = app.getBean(Executor.class);
            MicrometerPlugin plugin = app.getBean(MicrometerPlugin.class);
            assertThat(executor.plugins()).contains(plugin);
            assertThat(plugin.options().prefix()).isEqualTo("app.db");

            executor.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values("m@example.com", "M").execute();
            executor.dsl().selectFrom(USERS).fetch();

            MeterRegistry meters = app.getBean(MeterRegistry.class);
            assertThat(meters.get("app.db.operation").tag("db.operation.name", "SELECT").tag("db.collection.name", "users")
                    .timer().count()).isOne();
            assertThat(meters.get("app.db.operation").tag("db.operation.name", "INSERT").timer().count()).isOne();
            // Row metrics go to the same registry by default.
            assertThat(meters.get("app.db.affected_rows").counter().count()).isEqualTo(1.0);
        }
    }

    @MatrixTest(only = Engine.SQLITE)
    void micrometer_can_be_left_out_and_bad_options_fail_the_start(TestDatabase db) {
        try (ConfigurableApplicationContext app = start(db, "kysera.micrometer.enabled=false")) {
            assertThat(app.getBeansOfType(MicrometerPlugin.class)).isEmpty();
            assertThat(app.getBean(Executor.class).plugins()).noneMatch(p -> p instanceof MicrometerPlugin);
        }
        try (ConfigurableApplicationContext app = start(db, "kysera.micrometer.row-metrics=false")) {
            assertThat(app.getBean(MicrometerPlugin.class).options().meterRegistry()).isEmpty();
        }
        assertThatThrownBy(() -> start(db, "kysera.micrometer.max-query-text-length=3"))
                .hasStackTraceContaining("Invalid kysera.micrometer.* property: maxQueryTextLength must be at least 16, was 3");
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void audit_properties_build_the_audit_plugin_and_spring_commits_write_the_log(TestDatabase db) {
        AuditOptions expected = AuditOptions.builder().auditTable("spring_audit")
                .table(AuditedTable.of("users", "id").redacting("email")).build();
        db.useTestSchema();
        db.dsl().execute("drop table if exists spring_audit");
        AuditTable.create(db.dsl(), expected);
        try (ConfigurableApplicationContext app = start(db, "kysera.audit.audit-table=spring_audit",
                "kysera.audit.tables.users.key=id", "kysera.audit.tables.users.redacting=email")) {
            AuditPlugin audit = app.getBean(AuditPlugin.class);
            Executor executor = app.getBean(Executor.class);
            assertThat(executor.plugins()).contains(audit);
            assertThat(audit.options().auditTable()).isEqualTo("spring_audit");
            assertThat(audit.options().tables()).isEqualTo(expected.tables());

            app.getBean(Writes.class).writeEverywhere("audited", false);   // Spring's @Transactional commits
            assertThatThrownBy(() -> app.getBean(Writes.class).writeEverywhere("rolled-back", true)).hasMessage("boom");

            List<AuditEntry> changes = audit.log(executor).changes(java.time.Instant.EPOCH, java.time.Instant.now().plusSeconds(60));
            assertThat(changes).hasSize(3).allMatch(e -> e.table().equals("users") && e.operation() == AuditOperation.INSERT);
            assertThat(changes).allSatisfy(e -> assertThat(e.newValues()).containsEntry("email", AuditedTable.REDACTED));
            // Audited writes outside a transaction are refused (the plugin is fail-closed).
            assertThatThrownBy(() -> executor.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values("x@example.com", "x").execute())
                    .isInstanceOf(dev.kysera.core.error.AccessDeniedException.class);
        } finally {
            db.dsl().execute("drop table spring_audit");
        }
    }

    @MatrixTest(only = Engine.SQLITE)
    void audit_properties_that_audit_nothing_fail_the_start(TestDatabase db) {
        assertThatThrownBy(() -> start(db, "kysera.audit.audit-table=spring_audit"))
                .hasStackTraceContaining("kysera.audit.tables names no table, so nothing would be audited");
        assertThatThrownBy(() -> start(db, "kysera.audit.tables.users.redacting=email"))
                .hasStackTraceContaining("kysera.audit.tables.users.key must name the primary key column(s)");
        assertThatThrownBy(() -> start(db, "kysera.audit.tables.users.key=id", "kysera.audit.audit-table=bad name"))
                .hasStackTraceContaining("Invalid kysera.audit.* property");
    }

    @MatrixTest(only = Engine.SQLITE)
    void the_query_log_from_properties_logs_slow_statements_with_redacted_columns(TestDatabase db) {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        try (ConfigurableApplicationContext app = start(db, "kysera.debug.query-log.enabled=true",
                "kysera.debug.query-log.slow-threshold=0s", "kysera.debug.query-log.log-binds=true",
                "kysera.debug.query-log.redact-columns=email", "kysera.debug.query-log.style=one-line")) {
            QueryLog log = app.getBean(QueryLog.class);
            assertThat(app.getBean(Executor.class).plugins()).contains(log);
            assertThat(log.options().slowThreshold()).isEqualTo(Duration.ZERO);
            assertThat(log.options().redactColumns()).containsExactly("email");
            assertThat(log.options().style()).isEqualTo(SqlStyle.ONE_LINE);

            // System.Logger reaches java.util.logging here (no other platform-logging bridge on the test class path).
            Logger jul = Logger.getLogger("dev.kysera.debug.QueryLog");
            jul.addHandler(handler);
            try {
                app.getBean(Executor.class).dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values("secret@example.com", "Zed").execute();
            } finally {
                jul.removeHandler(handler);
            }
        }
        assertThat(records).hasSize(1);
        String message = records.get(0).getMessage();
        assertThat(message).startsWith("slow query").contains("<redacted>").contains("'Zed'").doesNotContain("secret@example.com");
    }

    @MatrixTest(only = Engine.SQLITE)
    void query_log_options_without_enabling_it_fail_the_start(TestDatabase db) {
        assertThatThrownBy(() -> start(db, "kysera.debug.query-log.slow-threshold=1s", "kysera.debug.query-log.redact-columns=email"))
                .hasStackTraceContaining("kysera.debug.query-log.slow-threshold, redact-columns set but kysera.debug.query-log.enabled "
                        + "is not true, so it would not run");
        assertThatThrownBy(() -> start(db, "kysera.debug.query-log.enabled=true", "kysera.debug.query-log.style=pretty"))
                .hasStackTraceContaining("kysera.debug.query-log.style must be one of [ONE_LINE, FORMATTED], was 'pretty'");
        try (ConfigurableApplicationContext app = start(db)) {
            assertThat(app.getBeansOfType(QueryLog.class)).isEmpty();
            assertThat(app.getBeansOfType(AuditPlugin.class)).isEmpty();
        }
    }
}
