package dev.kysera.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.io.TempDir;

/** {@code kysera db introspect} and {@code kysera db seed}. */
class DbCommandTest {

    @TempDir
    Path dir;

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES, Engine.MARIADB})
    void introspect_lists_columns_keys_foreign_keys_and_indexes(TestDatabase db) {
        db.executeScript("""
                create table db_owners (id integer not null primary key, email varchar(100) not null);
                create table db_pets (id integer not null primary key, owner_id integer not null, name varchar(50),
                  constraint db_pets_owner_fk foreign key (owner_id) references db_owners (id));
                create unique index db_owners_email on db_owners (email);
                create index db_pets_name on db_pets (name);
                """);
        CliRun cli = new CliRun(dir).env("KYSERA_DATABASE_URL", db.jdbcUrl());

        Map<String, Object> pets = CliRun.list(cli.run("db", "introspect", "db_pets", "--json").ok().json().get("tables")).get(0);

        assertThat(pets.get("name")).isEqualTo("db_pets");
        assertThat(CliRun.list(pets.get("columns"))).extracting(c -> c.get("name") + ":" + c.get("nullable"))
                .containsExactly("id:false", "owner_id:false", "name:true");
        assertThat(pets.get("primaryKey")).isEqualTo(List.of("id"));
        Map<String, Object> fk = CliRun.list(pets.get("foreignKeys")).get(0);
        assertThat(fk.get("columns")).isEqualTo(List.of("owner_id"));
        assertThat(fk.get("referencedTable")).isEqualTo("db_owners");
        assertThat(fk.get("referencedColumns")).isEqualTo(List.of("id"));
        assertThat(CliRun.list(pets.get("indexes"))).anySatisfy(index -> {
            assertThat(index.get("name")).isEqualTo("db_pets_name");
            assertThat(index.get("columns")).isEqualTo(List.of("name"));
            assertThat(index.get("unique")).isEqualTo(false);
        });

        String text = cli.run("db", "introspect").ok().out();
        assertThat(text).containsPattern("unique (index|key) db_owners_email \\(email\\)");
        assertThat(text).contains("table db_owners", "table db_pets",
                "foreign key db_pets_owner_fk (owner_id) -> db_owners (id)");
        assertThat(cli.run("db", "introspect", "db_nothing").exit(ExitCode.FAILED).err()).contains("No table 'db_nothing'");
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void seed_runs_each_file_in_its_own_transaction(TestDatabase db) {
        db.executeScript("create table seed_colors (id integer not null primary key, name varchar(20) not null);");
        CliRun cli = new CliRun(dir).env("KYSERA_DATABASE_URL", db.jdbcUrl())
                .write("seeds/01_colors.sql", "insert into seed_colors (id, name) values (1, 'red');\n"
                        + "insert into seed_colors (id, name) values (2, 'green'), (3, 'blue');\n")
                .write("seeds/02_broken.sql", "insert into seed_colors (id, name) values (4, 'cyan');\n"
                        + "insert into seed_colors (id, name) values (1, 'duplicate');\n");

        CliRun.Result dry = cli.run("db", "seed", "--dry-run", "-f", "seeds/01_colors.sql").ok();
        assertThat(dry.out()).contains("'red'", "'blue'");
        assertThat(db.dsl().fetchCount(DSL.table(DSL.name("seed_colors")))).as("dry run").isZero();

        CliRun.Result failed = cli.run("db", "seed");
        failed.exit(ExitCode.FAILED);
        assertThat(failed.err()).contains("[1/2] 01_colors.sql: 2 statements, 3 rows").contains("UNIQUE");
        assertThat(db.dsl().fetch("select id, name from seed_colors order by id").map(r -> r.get(0, Integer.class) + "=" + r.get(1)))
                .as("the first file committed, the failed one rolled back whole").containsExactly("1=red", "2=green", "3=blue");

        cli.write("seeds/02_broken.sql", "insert into seed_colors (id, name) values (4, 'cyan');\n");
        Map<String, Object> json = cli.run("db", "seed", "-f", "seeds/02_broken.sql", "--json").ok().json();
        assertThat(CliRun.list(json.get("files"))).extracting(f -> f.get("rows")).containsExactly(1L);
        assertThat(db.dsl().fetchCount(DSL.table(DSL.name("seed_colors")))).isEqualTo(4);
    }
}
