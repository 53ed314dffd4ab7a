package dev.kysera.spring;

import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.dal.DbContext;
import dev.kysera.executor.Executor;
import dev.kysera.softdelete.SoftDeletePlugin;
import dev.kysera.timestamps.TimestampsPlugin;
import dev.kysera.spring.internal.SpringErrors;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jooq.autoconfigure.ExceptionTranslatorExecuteListener;
import org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/** Auto-configuration conditions, property validation and the generated configuration metadata. */
class ConfigurationTest {

    private static final AutoConfigurations KYSERA = AutoConfigurations.of(DataSourceTransactionManagerAutoConfiguration.class,
            KyseraAutoConfiguration.class, KyseraInfraAutoConfiguration.class, KyseraWebAutoConfiguration.class);

    private static ApplicationContextRunner runner(TestDatabase db) {
        return new ApplicationContextRunner().withConfiguration(KYSERA).withBean(DataSource.class, () -> unclosable(db));
    }

    /** The test database's pool behind a wrapper without close(), which a closing context would call. */
    private static DataSource unclosable(TestDatabase db) {
        return new DelegatingDataSource(db.dataSource());
    }

    @MatrixTest(only = Engine.SQLITE)
    void the_dialect_is_detected_or_taken_from_the_properties(TestDatabase db) {
        runner(db).run(context -> {
            assertThat(context).hasSingleBean(Executor.class).hasSingleBean(DbContext.class).hasSingleBean(KyseraHealthIndicator.class);
            assertThat(context.getBean(Executor.class).dsl().dialect()).isEqualTo(SQLDialect.SQLITE);
        });
        runner(db).withPropertyValues("kysera.dialect=h2", "kysera.health.enabled=false").run(context -> {
            assertThat(context.getBean(Executor.class).dsl().dialect()).isEqualTo(SQLDialect.H2);
            assertThat(context).doesNotHaveBean(KyseraHealthIndicator.class);
        });
    }

    @MatrixTest(only = Engine.SQLITE)
    void boots_jooq_context_is_used_without_its_exception_translator(TestDatabase db) {
        runner(db).withConfiguration(AutoConfigurations.of(JooqAutoConfiguration.class)).run(context -> {
            assertThat(context).hasSingleBean(DSLContext.class);
            assertThat(listeners(context.getBean(Executor.class))).noneMatch(l -> l instanceof ExceptionTranslatorExecuteListener)
                    .noneMatch(l -> l instanceof SpringErrors);
        });
        runner(db).withConfiguration(AutoConfigurations.of(JooqAutoConfiguration.class)).withPropertyValues("kysera.errors=spring")
                .run(context -> assertThat(listeners(context.getBean(Executor.class))).hasAtLeastOneElementOfType(SpringErrors.class)
                        .noneMatch(l -> l instanceof ExceptionTranslatorExecuteListener));
    }

    private static List<ExecuteListener> listeners(Executor executor) {
        return Arrays.stream(executor.dsl().configuration().executeListenerProviders()).map(ExecuteListenerProvider::provide).toList();
    }

    @MatrixTest(only = Engine.SQLITE)
    void soft_delete_and_timestamps_from_properties(TestDatabase db) {
        db.useTestSchema();
        runner(db).withConfiguration(AutoConfigurations.of(KyseraPluginsAutoConfiguration.class))
                .withPropertyValues("kysera.soft-delete.enabled=true", "kysera.soft-delete.delete-as-update=true",
                        "kysera.soft-delete.tables=users", "kysera.timestamps.enabled=true", "kysera.timestamps.tables=users")
                .run(context -> {
                    Executor executor = context.getBean(Executor.class);
                    assertThat(executor.plugins()).contains(context.getBean(SoftDeletePlugin.class), context.getBean(TimestampsPlugin.class));
                    executor.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values("s@example.com", "S").execute();
                    assertThat(executor.dsl().deleteFrom(USERS).execute()).isOne();
                    assertThat(executor.dsl().fetchCount(USERS)).as("soft-deleted rows are hidden").isZero();
                    var stored = db.dsl().select(USERS.CREATED_AT, USERS.DELETED_AT).from(USERS).fetchOne();
                    assertThat(stored.value1()).as("created_at stamped").isNotNull();
                    assertThat(stored.value2()).as("deleted_at set instead of deleting").isNotNull();
                });
        runner(db).withConfiguration(AutoConfigurations.of(KyseraPluginsAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader(SoftDeletePlugin.class))
                .withPropertyValues("kysera.soft-delete.enabled=true")
                .run(context -> assertThat(context.getStartupFailure())
                        .hasStackTraceContaining("kysera.soft-delete.enabled=true but kysera-soft-delete is not on the classpath"));
    }

    @MatrixTest(only = Engine.SQLITE)
    void micrometer_options_without_an_observation_registry_fail_the_start(TestDatabase db) {
        runner(db).withConfiguration(AutoConfigurations.of(KyseraMicrometerAutoConfiguration.class))
                .withPropertyValues("kysera.micrometer.prefix=app.db", "kysera.micrometer.include-query-text=true")
                .run(context -> assertThat(context.getStartupFailure()).hasStackTraceContaining(
                        "kysera.micrometer.prefix, kysera.micrometer.include-query-text set but no MicrometerPlugin was created"));
        runner(db).withConfiguration(AutoConfigurations.of(KyseraMicrometerAutoConfiguration.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(dev.kysera.micrometer.MicrometerPlugin.class));
        runner(db).withConfiguration(AutoConfigurations.of(KyseraMicrometerAutoConfiguration.class))
                .withBean(io.micrometer.observation.ObservationRegistry.class, io.micrometer.observation.ObservationRegistry::create)
                .withPropertyValues("kysera.micrometer.row-metrics=true")
                .run(context -> assertThat(context.getStartupFailure())
                        .hasStackTraceContaining("kysera.micrometer.row-metrics=true needs one MeterRegistry bean"));
    }

    @MatrixTest(only = Engine.SQLITE)
    void bad_properties_fail_the_start_and_name_the_value(TestDatabase db) {
        runner(db).withPropertyValues("kysera.dialect=oracle-ish").run(context -> assertThat(context.getStartupFailure())
                .hasStackTraceContaining("kysera.dialect is not a jOOQ dialect: 'oracle-ish'"));
        runner(db).withPropertyValues("kysera.health.timeout=0s").run(context -> assertThat(context.getStartupFailure())
                .hasStackTraceContaining("kysera.health.timeout must be positive, was PT0S"));
        runner(db).withPropertyValues("kysera.rls.tenant-header=X-Tenant", "kysera.rls.tenant-claim=tenant")
                .run(context -> assertThat(context.getStartupFailure())
                        .hasStackTraceContaining("Set kysera.rls.tenant-header or kysera.rls.tenant-claim, not both (were 'X-Tenant' and 'tenant')"));
        runner(db).withPropertyValues("kysera.errors=both").run(context -> assertThat(context).hasFailed());
    }

    @MatrixTest(only = Engine.SQLITE)
    void a_tenant_header_without_tenant_access_fails_closed(TestDatabase db) {
        new WebApplicationContextRunner().withConfiguration(KYSERA).withBean(DataSource.class, () -> unclosable(db))
                .withPropertyValues("kysera.rls.tenant-header=X-Tenant")
                .run(context -> assertThat(context.getStartupFailure()).hasStackTraceContaining("no TenantAccess bean"));
        new WebApplicationContextRunner().withConfiguration(KYSERA).withBean(DataSource.class, () -> unclosable(db))
                .withBean(TenantAccess.class, () -> (user, tenant) -> java.util.Optional.empty())
                .withPropertyValues("kysera.rls.tenant-header=X-Tenant", "kysera.web.problem-details=true")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(KyseraProblemDetails.class));
    }

    @Test
    void ides_find_every_property_with_its_description() throws IOException {
        String metadata;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
            assertThat(in).isNotNull();
            metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String property : new String[] {"kysera.dialect", "kysera.errors", "kysera.rls.enabled", "kysera.rls.tenant-header",
                "kysera.rls.tenant-claim", "kysera.health.enabled", "kysera.health.timeout", "kysera.web.problem-details",
                "kysera.soft-delete.enabled", "kysera.soft-delete.column", "kysera.soft-delete.tables", "kysera.soft-delete.delete-as-update",
                "kysera.timestamps.enabled", "kysera.timestamps.created-column", "kysera.timestamps.updated-column", "kysera.timestamps.tables",
                "kysera.micrometer.enabled", "kysera.micrometer.prefix", "kysera.micrometer.include-query-text",
                "kysera.micrometer.row-metrics", "kysera.audit.tables", "kysera.audit.audit-table", "kysera.audit.max-value-length",
                "kysera.debug.query-log.enabled", "kysera.debug.query-log.slow-threshold", "kysera.debug.query-log.redact-columns"}) {
            assertThat(metadata).contains("\"name\": \"" + property + "\"");
        }
        assertThat(metadata).contains("the HTTP header naming the tenant");
    }
}
