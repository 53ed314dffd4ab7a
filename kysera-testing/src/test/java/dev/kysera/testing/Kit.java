package dev.kysera.testing;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectIteration;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.kysera.testsupport.DatabaseServers;
import dev.kysera.testsupport.Engine;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Runs fixture test classes through a real JUnit Jupiter engine, with the servers of this build
 * (KYSERA_TEST_POSTGRES_URL, KYSERA_TEST_MYSQL_URL) passed as the toolkit's configuration.
 */
final class Kit {

    /** What fixtures list in {@code @DatabaseTest}: the iteration index of a database is its ordinal. */
    static final Database[] ALL = Database.values();

    private Kit() {
    }

    static Database database(Engine engine) {
        return Database.valueOf(engine.name());
    }

    /** The build's server URLs as the toolkit's configuration parameters. */
    static Map<String, String> serverConfiguration() {
        Map<String, String> configuration = new LinkedHashMap<>();
        String postgres = System.getenv(DatabaseServers.POSTGRES_URL_VARIABLE);
        if (postgres != null && !postgres.isBlank()) {
            configuration.put(Database.POSTGRES.urlParameter(), postgres);
        }
        String mysql = System.getenv(DatabaseServers.MYSQL_URL_VARIABLE);
        if (mysql != null && !mysql.isBlank()) {
            configuration.put(Database.MARIADB.urlParameter(), mysql);
        }
        return configuration;
    }

    /** Runs the whole fixture class. */
    static Events run(Class<?> fixture) {
        return run(List.of(selectClass(fixture)), serverConfiguration());
    }

    /** Runs the fixture's tests on one database: the {@code @DatabaseTest} iteration of it, and every plain test. */
    static Events runOn(Class<?> fixture, Database database) {
        return runOn(fixture, database, serverConfiguration());
    }

    static Events runOn(Class<?> fixture, Database database, Map<String, String> configuration) {
        List<DiscoverySelector> selectors = new ArrayList<>();
        for (Method method : fixture.getDeclaredMethods()) {
            if (AnnotationSupport.isAnnotated(method, DatabaseTest.class)) {
                selectors.add(selectIteration(selectMethod(fixture, method), database.ordinal()));
            }
        }
        return run(selectors, configuration);
    }

    static Events run(List<? extends DiscoverySelector> selectors, Map<String, String> configuration) {
        Events events = EngineTestKit.engine("junit-jupiter")
                .selectors(selectors.toArray(DiscoverySelector[]::new))
                .configurationParameters(configuration)
                .execute()
                .testEvents();
        // Shown on standard error so a fixture's unexpected failure can be read in the report.
        events.failed().stream().forEach(event -> event.getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable)
                .ifPresent(t -> {
                    System.err.println("[fixture] " + event.getTestDescriptor().getDisplayName() + " failed: " + t);
                    if (Boolean.getBoolean("kysera.testing.traces")) {
                        t.printStackTrace();
                    }
                }));
        return events;
    }
}
