package dev.kysera.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/** Two {@code kysera migrate up} processes at once apply each migration exactly once. */
@Tag(CliProcess.TAG)
class ConcurrentMigrateIT {

    @TempDir
    Path dir;

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES, Engine.MARIADB})
    void two_processes_apply_each_migration_once(TestDatabase db) throws Exception {
        for (int i = 1; i <= 4; i++) {
            Files.writeString(dir.resolve("V" + i + "__step_" + i + ".sql"), "-- kysera:up\ncreate table conc_" + i + " (id integer primary key);\n"
                    + "insert into conc_" + i + " (id) values (" + i + ");\n");
        }
        Map<String, String> env = Map.of("KYSERA_DATABASE_URL", db.jdbcUrl(), "KYSERA_MIGRATIONS_DIRECTORY", dir.toString(),
                "KYSERA_MIGRATIONS_TABLE", "conc_history");

        CliProcess.Started first = CliProcess.start(dir, env, "migrate", "up", "--json");
        CliProcess.Started second = CliProcess.start(dir, env, "migrate", "up", "--json");
        CliRun.Result a = first.await().ok();
        CliRun.Result b = second.await().ok();

        List<Object> applied = new ArrayList<>();
        CliRun.list(a.json().get("applied")).forEach(run -> applied.add(run.get("version")));
        CliRun.list(b.json().get("applied")).forEach(run -> applied.add(run.get("version")));
        assertThat(applied).as("versions applied by the two processes together").containsExactlyInAnyOrder("1", "2", "3", "4");
        assertThat(db.dsl().fetch("select version, count(*) from conc_history group by version order by version")
                .map(r -> r.get(0, String.class) + "x" + r.get(1, Integer.class))).containsExactly("1x1", "2x1", "3x1", "4x1");
        for (int i = 1; i <= 4; i++) {
            assertThat(db.dsl().fetchCount(org.jooq.impl.DSL.table(org.jooq.impl.DSL.name("conc_" + i)))).isEqualTo(1);
        }
    }
}
