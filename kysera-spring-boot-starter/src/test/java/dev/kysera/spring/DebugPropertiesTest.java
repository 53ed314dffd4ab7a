package dev.kysera.spring;

import static dev.kysera.testsupport.schema.Tables.POSTS;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.kysera.debug.NPlusOneDetector;
import dev.kysera.debug.NPlusOneException;
import dev.kysera.debug.NPlusOneFinding;
import dev.kysera.debug.NPlusOneMode;
import dev.kysera.debug.NPlusOneOptions;
import dev.kysera.debug.Profiler;
import dev.kysera.debug.ProfilerSnapshot;
import dev.kysera.executor.Executor;
import dev.kysera.executor.StatementKind;
import dev.kysera.spring.internal.NPlusOneRequestScope;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;

/** kysera-debug's profiler and N+1 detector from {@code kysera.debug.*}, in real applications (the query log: PluginPropertiesTest). */
class DebugPropertiesTest {

    private static ConfigurableApplicationContext start(TestDatabase db, String... properties) {
        db.useTestSchema();
        return Apps.start(db, TransactionApp.class, WebApplicationType.NONE, properties);
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void the_profiler_keeps_at_most_max_shapes(TestDatabase db) {
        try (ConfigurableApplicationContext app = start(db, "kysera.debug.profiler.enabled=true", "kysera.debug.profiler.max-shapes=2")) {
            Profiler profiler = app.getBean(Profiler.class);
            Executor executor = app.getBean(Executor.class);
            assertThat(executor.plugins()).contains(profiler);
            executor.dsl().selectCount().from(USERS).fetchOne();
            executor.dsl().selectCount().from(POSTS).fetchOne();
            executor.dsl().select(USERS.EMAIL).from(USERS).fetch();
            ProfilerSnapshot snapshot = profiler.snapshot();
            assertThat(snapshot.maxShapes()).isEqualTo(2);
            assertThat(snapshot.shapes()).hasSize(2);
            assertThat(snapshot.evictedShapes()).isEqualTo(1);
        }
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void the_n_plus_one_detector_refuses_the_statement_crossing_the_threshold(TestDatabase db) {
        try (ConfigurableApplicationContext app = start(db, "kysera.debug.n-plus-one.enabled=true", "kysera.debug.n-plus-one.threshold=2",
                "kysera.debug.n-plus-one.mode=throw", "kysera.debug.n-plus-one.kinds=select,insert", "kysera.debug.n-plus-one.level=debug",
                "kysera.debug.n-plus-one.max-findings=7", "kysera.debug.n-plus-one.max-shapes-per-unit=8",
                "kysera.debug.n-plus-one.max-open-units=9")) {
            NPlusOneDetector detector = app.getBean(NPlusOneDetector.class);
            NPlusOneOptions options = detector.options();
            assertThat(options.threshold()).isEqualTo(2);
            assertThat(options.mode()).isEqualTo(NPlusOneMode.THROW);
            assertThat(options.kinds()).isEqualTo(Set.of(StatementKind.SELECT, StatementKind.INSERT));
            assertThat(options.level()).isEqualTo(Level.DEBUG);
            assertThat(options.maxFindings()).isEqualTo(7);
            assertThat(options.maxShapesPerUnit()).isEqualTo(8);
            assertThat(options.maxOpenUnits()).isEqualTo(9);
            // A non-web application has no request scope.
            assertThat(app.getBeansOfType(FilterRegistrationBean.class)).isEmpty();

            Executor executor = app.getBean(Executor.class);
            assertThatThrownBy(() -> executor.transaction(tx -> {
                for (long id = 1; id <= 3; id++) {
                    tx.dsl().fetchCount(USERS, USERS.ID.eq(id));
                }
            })).isInstanceOf(NPlusOneException.class);
        }
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void each_http_request_is_a_unit_of_work_unless_turned_off(TestDatabase db) throws Exception {
        db.useTestSchema();
        try (ConfigurableApplicationContext app = Apps.start(db, AuditWebApp.class, WebApplicationType.SERVLET, "server.port=0",
                "kysera.debug.n-plus-one.enabled=true", "kysera.debug.n-plus-one.threshold=2", "kysera.debug.n-plus-one.mode=collect")) {
            assertThat(app.getBeansOfType(FilterRegistrationBean.class).values()).anyMatch(r -> r.getFilter() instanceof NPlusOneRequestScope);
            assertThat(Apps.send(app, "GET", "/open/lookups?n=3", null, Map.of()).statusCode()).isEqualTo(200);
            assertThat(Apps.send(app, "GET", "/open/lookups?n=2", null, Map.of()).statusCode()).isEqualTo(200);
            assertThat(app.getBean(NPlusOneDetector.class).findings()).extracting(NPlusOneFinding::unit, NPlusOneFinding::executions)
                    .containsExactly(tuple("scope GET /open/lookups", 3));
        }
        try (ConfigurableApplicationContext app = Apps.start(db, AuditWebApp.class, WebApplicationType.SERVLET, "server.port=0",
                "kysera.debug.n-plus-one.enabled=true", "kysera.debug.n-plus-one.threshold=2", "kysera.debug.n-plus-one.mode=collect",
                "kysera.debug.n-plus-one.request-scope=false")) {
            assertThat(app.getBeansOfType(FilterRegistrationBean.class).values()).noneMatch(r -> r.getFilter() instanceof NPlusOneRequestScope);
            assertThat(Apps.send(app, "GET", "/open/lookups?n=3", null, Map.of()).statusCode()).isEqualTo(200);
            assertThat(app.getBean(NPlusOneDetector.class).findings()).isEmpty();
        }
    }

    @MatrixTest(only = Engine.SQLITE)
    void bad_or_orphaned_debug_options_fail_the_start(TestDatabase db) {
        assertThatThrownBy(() -> start(db, "kysera.debug.profiler.max-shapes=5"))
                .hasStackTraceContaining("kysera.debug.profiler.max-shapes set but kysera.debug.profiler.enabled is not true, so it would not run");
        assertThatThrownBy(() -> start(db, "kysera.debug.n-plus-one.threshold=3", "kysera.debug.n-plus-one.request-scope=false"))
                .hasStackTraceContaining("kysera.debug.n-plus-one.threshold, request-scope set but kysera.debug.n-plus-one.enabled is not "
                        + "true, so it would not run");
        assertThatThrownBy(() -> start(db, "kysera.debug.profiler.enabled=true", "kysera.debug.profiler.max-shapes=0"))
                .hasStackTraceContaining("Invalid kysera.debug.profiler.* property: The profiler's maxShapes must be at least 1, was 0");
        assertThatThrownBy(() -> start(db, "kysera.debug.n-plus-one.enabled=true", "kysera.debug.n-plus-one.mode=sometimes"))
                .hasStackTraceContaining("kysera.debug.n-plus-one.mode must be one of [LOG, COLLECT, THROW], was 'sometimes'");
        assertThatThrownBy(() -> start(db, "kysera.debug.n-plus-one.enabled=true", "kysera.debug.n-plus-one.threshold=0"))
                .hasStackTraceContaining("Invalid kysera.debug.n-plus-one.* property: threshold must be at least 1, was 0");
        try (ConfigurableApplicationContext app = start(db)) {
            assertThat(app.getBeansOfType(Profiler.class)).isEmpty();
            assertThat(app.getBeansOfType(NPlusOneDetector.class)).isEmpty();
        }
    }
}
