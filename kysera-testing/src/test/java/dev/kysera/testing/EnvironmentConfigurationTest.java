package dev.kysera.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.Events;

/**
 * The environment-variable path of the matrix, for real: a child JVM, started with only
 * {@code KYSERA_TESTING_<DATABASE>_URL} set (no configuration parameter, no system property, unless
 * a test adds one), runs a fixture through the JUnit engine and reports what it connected to.
 */
class EnvironmentConfigurationTest {

    @EngineFixture
    @KyseraTest
    static class Fixture {
        @OnAllDatabases
        void connects(dev.kysera.testing.TestDatabase db) {
            assertThat(db.dsl().fetchValue(DSL.inline(1))).isEqualTo(1);
            System.out.println("CONNECTED " + db.database() + " " + db.jdbcUrl());
        }
    }

    /** The child JVM's entry point: runs {@link Fixture}'s iteration for the database named in args[0]. */
    public static final class Child {
        public static void main(String[] args) {
            Database database = Database.valueOf(args[0]);
            Events events = Kit.run(List.of(org.junit.platform.engine.discovery.DiscoverySelectors.selectIteration(
                    org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod(Fixture.class, "connects",
                            dev.kysera.testing.TestDatabase.class.getName()), database.ordinal())), Map.of());
            events.failed().stream().forEach(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                    .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
                    .ifPresent(t -> System.out.println("FAILED " + t.getClass().getName() + ": " + t.getMessage())));
            System.out.println("RESULT started=" + events.started().count() + " succeeded=" + events.succeeded().count()
                    + " failed=" + events.failed().count() + " skipped=" + events.skipped().count());
            System.exit(0);
        }
    }

    record Run(int exit, String output) {
    }

    /** Runs {@link Child} for {@code database} with {@code environment} added and the toolkit's own variables removed. */
    static Run child(Database database, Map<String, String> environment, List<String> jvmOptions) throws Exception {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", classPath));
        command.addAll(jvmOptions);
        command.addAll(List.of(Child.class.getName(), database.name()));
        Path output = Files.createTempFile("kysera-testing-child", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            for (Database each : Database.values()) {
                builder.environment().remove(each.urlVariable());
            }
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("the child JVM did not finish within 180 s: " + Files.readString(output));
            }
            return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** The server of this build for {@code engine}, without the isolated schema/database of {@code outer}. */
    private static String serverUrl(TestDatabase outer) {
        String variable = outer.engine() == Engine.POSTGRES ? dev.kysera.testsupport.DatabaseServers.POSTGRES_URL_VARIABLE
                : dev.kysera.testsupport.DatabaseServers.MYSQL_URL_VARIABLE;
        String configured = System.getenv(variable);
        assertThat(configured).as(variable + " (the build's server, which the child must reach)").isNotBlank();
        return configured;
    }

    @MatrixTest(only = {Engine.POSTGRES, Engine.MARIADB})
    void aServerFromTheEnvironmentVariableIsUsed(TestDatabase outer) throws Exception {
        Database database = outer.engine() == Engine.POSTGRES ? Database.POSTGRES : Database.MARIADB;
        String server = serverUrl(outer);
        Run run = child(database, Map.of(database.urlVariable(), server), List.of());
        assertThat(run.output()).contains("RESULT started=1 succeeded=1 failed=0 skipped=0");
        String prefix = server.substring(0, server.indexOf('?') < 0 ? server.length() : server.indexOf('?'));
        String hostAndPort = prefix.substring(0, prefix.lastIndexOf('/'));
        assertThat(run.output()).as("connected to the variable's server").contains("CONNECTED " + database + " " + hostAndPort);
        assertThat(run.exit()).isZero();
    }

    @Test
    void anUnreachableServerFromTheEnvironmentFailsNamingTheVariableWithThePasswordMasked() throws Exception {
        Run run = child(Database.POSTGRES,
                Map.of("KYSERA_TESTING_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:1/none?user=nobody&password=secret&connectTimeout=2"),
                List.of());
        assertThat(run.output()).contains("RESULT started=1 succeeded=0 failed=1 skipped=0")
                .contains("FAILED " + DatabaseUnavailableException.class.getName()
                        + ": POSTGRES is configured at jdbc:postgresql://127.0.0.1:1/none?user=nobody&password=***&connectTimeout=2"
                        + " (kysera.testing.postgres.url / KYSERA_TESTING_POSTGRES_URL) but unreachable")
                .doesNotContain("secret");
        assertThat(run.exit()).isZero();
    }

    @Test
    void theSystemPropertyWinsOverTheEnvironmentVariable() throws Exception {
        Run run = child(Database.MARIADB,
                Map.of("KYSERA_TESTING_MARIADB_URL", "jdbc:mariadb://127.0.0.1:1/from_env?connectTimeout=2000"),
                List.of("-Dkysera.testing.mariadb.url=jdbc:mariadb://127.0.0.1:2/from_property?connectTimeout=2000"));
        assertThat(run.output()).contains("RESULT started=1 succeeded=0 failed=1 skipped=0")
                .contains("MARIADB is configured at jdbc:mariadb://127.0.0.1:2/from_property").doesNotContain("from_env");
        assertThat(run.exit()).isZero();
    }

    @Test
    void aBlankVariableCountsAsUnset() throws Exception {
        Run run = child(Database.MARIADB, Map.of("KYSERA_TESTING_MARIADB_URL", "   "), List.of());
        assertThat(run.output()).contains("RESULT started=1 succeeded=0 failed=1 skipped=0")
                .contains("MARIADB has no embedded server: set kysera.testing.mariadb.url");
        assertThat(run.exit()).isZero();
    }
}
