package dev.kysera.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.core.dialect.SchemaTools;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged CLI as a process, with a Java migration compiled in the test into a jar: mixed with
 * SQL files in version order, dry run through the recording connection, up, status and down.
 */
@Tag(CliProcess.TAG)
class JavaMigrationIT {

    @TempDir
    Path dir;

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES, Engine.MARIADB})
    void java_migrations_from_a_jar_run_between_sql_files(TestDatabase db) throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/V1__items.sql"), """
                -- kysera:up
                create table jm_items (id integer primary key, label varchar(20) not null);
                insert into jm_items (id, label) values (1, 'pen'), (2, 'ink');
                -- kysera:down
                drop table jm_items;
                """);
        // Needs the table the Java migration V2 creates: runs only if the order is 1, 2, 3.
        Files.writeString(dir.resolve("migrations/V3__discount_ink.sql"), """
                -- kysera:up
                update jm_prices set cents = cents - 50 where item_id = 2;
                -- kysera:down
                update jm_prices set cents = cents + 50 where item_id = 2;
                """);
        Path jar = MigrationJar.build(dir, "jm");
        Files.writeString(dir.resolve("kysera.yaml"), "migrations:\n  classpath: " + dir.relativize(jar) + "\n");
        Map<String, String> env = Map.of("KYSERA_DATABASE_URL", db.jdbcUrl(), "KYSERA_MIGRATIONS_TABLE", "jm_history");

        Map<String, Object> plan = CliProcess.run(dir, env, "migrate", "dry-run", "--json").ok().json();
        assertThat(SchemaTools.of(db.dsl()).tableExists("jm_items")).as("the dry run changes nothing").isFalse();
        assertThat(SchemaTools.of(db.dsl()).tableExists("jm_prices")).isFalse();
        assertThat(CliRun.list(plan.get("migrations"))).extracting(m -> m.get("version") + " " + m.get("name"))
                .containsExactly("1 items", "2 add prices", "3 discount ink");
        List<Map<String, Object>> javaPlan = CliRun.list(CliRun.list(plan.get("migrations")).get(1).get("statements"));
        assertThat(javaPlan).hasSize(2);
        assertThat(javaPlan.get(0).get("sql").toString().toLowerCase()).startsWith("create table");
        assertThat(javaPlan.get(1).get("sql").toString().toLowerCase()).startsWith("insert into");
        assertThat(javaPlan.get(1).get("binds")).isEqualTo(List.of("1", "1", "250", "2", "2", "990"));

        Map<String, Object> up = CliProcess.run(dir, env, "migrate", "up", "--json").ok().json();
        assertThat(CliRun.list(up.get("applied"))).extracting(m -> m.get("version")).containsExactly("1", "2", "3");
        assertThat(up.get("applied")).as("up sent exactly what the dry run printed").isEqualTo(withoutDurations(plan.get("migrations"), up.get("applied")));
        assertThat(db.dsl().fetch("select id, item_id, cents from jm_prices order by id").map(r -> r.get(0, Integer.class) + ":"
                + r.get(1, Integer.class) + ":" + r.get(2, Integer.class))).containsExactly("1:1:250", "2:2:940");
        assertThat(db.dsl().fetch("select id, label from jm_items order by id").map(r -> r.get(0, Integer.class) + ":" + r.get(1, String.class)))
                .containsExactly("1:pen", "2:ink");
        assertThat(db.dsl().fetch("select version, type, success from jm_history order by installed_rank")
                .map(r -> r.get(0, String.class) + ":" + r.get(1, String.class) + ":" + r.get(2, Boolean.class)))
                .containsExactly("1:SQL:true", "2:JAVA:true", "3:SQL:true");

        Map<String, Object> down = CliProcess.run(dir, env, "migrate", "down", "--to", "1", "--json").ok().json();
        assertThat(CliRun.list(down.get("reverted"))).extracting(m -> m.get("version")).containsExactly("3", "2");
        assertThat(SchemaTools.of(db.dsl()).tableExists("jm_prices")).isFalse();
        assertThat(db.dsl().fetch("select version from jm_history order by installed_rank").map(r -> r.get(0, String.class)))
                .containsExactly("1");
        assertThat(CliProcess.run(dir, env, "migrate", "status", "--json").ok().json().get("pending")).isEqualTo(List.of("2", "3"));
    }

    /** The planned runs with the real runs' durations, so the two compare on what they sent. */
    private static List<Map<String, Object>> withoutDurations(Object planned, Object applied) {
        List<Map<String, Object>> plan = CliRun.list(planned);
        List<Map<String, Object>> real = CliRun.list(applied);
        assertThat(plan).hasSameSizeAs(real);
        for (int i = 0; i < plan.size(); i++) {
            plan.get(i).put("durationMs", real.get(i).get("durationMs"));
        }
        return plan;
    }
}
