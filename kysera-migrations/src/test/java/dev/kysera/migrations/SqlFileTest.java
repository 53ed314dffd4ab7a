package dev.kysera.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SQL file names, sections, statement splitting and the errors for malformed input (no database needed). */
class SqlFileTest {

    private static List<Migration> load(SQLDialect dialect, String... nameThenContent) {
        return MigrationSources.directory(Fixture.sqlDirectory(nameThenContent)).load(dialect);
    }

    private static List<String> upStatements(SQLDialect dialect, String sql) {
        Migration migration = load(dialect, "V1__x.sql", "-- kysera:up\n" + sql).getFirst();
        return ((dev.kysera.migrations.internal.SqlFileMigration) migration).upStatements();
    }

    @Test
    void statements_split_at_semicolons_outside_quotes_comments_and_dollar_quotes() {
        assertThat(upStatements(SQLDialect.POSTGRES, """
                -- leading comment
                insert into t values ('a;b', "c;d");  /* x; y */
                create function f() returns int as $body$ begin return 1; end $body$ language plpgsql;
                select $1::int -- trailing; comment
                """)).containsExactly(
                "insert into t values ('a;b', \"c;d\")",
                "create function f() returns int as $body$ begin return 1; end $body$ language plpgsql",
                "select $1::int -- trailing; comment");
        assertThat(upStatements(SQLDialect.MARIADB, "insert into t values ('it\\'s; fine');\ninsert into `a;b` values (1)"))
                .containsExactly("insert into t values ('it\\'s; fine')", "insert into `a;b` values (1)");
        assertThat(upStatements(SQLDialect.SQLITE, "insert into t values ('it''s; fine')"))
                .containsExactly("insert into t values ('it''s; fine')");
    }

    @Test
    void the_class_path_source_reads_files_and_names() {
        List<Migration> migrations = MigrationSources.classpath("db/readme").load(SQLDialect.H2);
        assertThat(migrations).extracting(m -> m.version() + " " + m.name() + " " + m.isReversible())
                .containsExactly("2 add posts true");
    }

    @Test
    void a_dialect_variant_replaces_the_plain_file_on_its_dialect_only() {
        String[] files = {"V1__users.sql", "-- kysera:up\ncreate table users (id int);\n",
                "V1__users.postgres.sql", "-- kysera:up\ncreate table users (id bigint generated always as identity);\n",
                "V1_1__only_h2.h2.sql", "-- kysera:no-transaction\n-- kysera:up\nselect 1;\n"};
        assertThat(load(SQLDialect.POSTGRES, files)).singleElement()
                .satisfies(m -> assertThat(m.checksum()).isNotEqualTo(load(SQLDialect.SQLITE, files).getFirst().checksum()));
        assertThat(load(SQLDialect.H2, files)).extracting(m -> m.version() + " " + m.isTransactional())
                .containsExactly("1 true", "1.1 false");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            create table t (id int);                                      | line 1: SQL before the '-- kysera:up' line
            -- kysera:up\\n-- kysera:up\\nselect 1;                         | line 2: a second '-- kysera:up' section
            -- kysera:down\\nselect 1;                                     | line 1: '-- kysera:down' before '-- kysera:up'
            -- kysera:up\\nselect 1;\\n-- kysera:down\\n-- kysera:down     | line 4: a second '-- kysera:down' section
            -- kysera:upp\\nselect 1;                                      | line 1: unknown directive '-- kysera:upp'
            -- kysera:up\\n-- kysera:no-transaction\\nselect 1;            | line 2: '-- kysera:no-transaction' must come before
            -- kysera:up\\n-- only a comment\\n                            | the up section has no statements
            -- kysera:up\\nselect 1;\\n-- kysera:down\\n                   | the down section has no statements
            -- just a comment                                             | no '-- kysera:up' section
            """)
    void malformed_files_are_typed_errors_naming_file_and_problem(String content, String problem) {
        Path dir = Fixture.sqlDirectory("V7__bad.sql", content.replace("\\n", "\n"));
        assertThatThrownBy(() -> MigrationSources.directory(dir).load(SQLDialect.SQLITE))
                .isExactlyInstanceOf(InvalidMigrationException.class)
                .hasMessageContaining("Malformed SQL migration " + dir.resolve("V7__bad.sql"))
                .hasMessageContaining(problem);
    }

    @Test
    void bad_names_and_duplicate_versions_are_typed_errors() {
        assertThatThrownBy(() -> load(SQLDialect.H2, "v1_users.sql", "-- kysera:up\nselect 1;"))
                .isExactlyInstanceOf(InvalidMigrationException.class).hasMessageContaining("is not named V<version>__<name>");
        assertThatThrownBy(() -> load(SQLDialect.H2, "V1__users.sql", "-- kysera:up\nselect 1;", "V001__users.sql", "-- kysera:up\nselect 2;"))
                .isExactlyInstanceOf(InvalidMigrationException.class).hasMessageContaining("Duplicate migration version 1");
        assertThatThrownBy(() -> load(SQLDialect.H2, "V1__users.sql", "-- kysera:up\nselect 1;", "V1__people.h2.sql", "-- kysera:up\nselect 2;"))
                .isExactlyInstanceOf(InvalidMigrationException.class).hasMessageContaining("disagree on the name");
        assertThatThrownBy(() -> MigrationSources.directory(Path.of("/nonexistent/migrations")).load(SQLDialect.H2))
                .isExactlyInstanceOf(InvalidMigrationException.class).hasMessageContaining("does not exist");
    }

    @Test
    void versions_compare_as_numbers_and_ignore_trailing_zeros() {
        assertThat(MigrationVersion.of("1.10")).isGreaterThan(MigrationVersion.of("1.9"));
        assertThat(MigrationVersion.of("001.0")).isEqualTo(MigrationVersion.of("1")).hasToString("1");
        assertThat(MigrationVersion.of("2024_01_15")).hasToString("2024.1.15");
        assertThatThrownBy(() -> MigrationVersion.of("1.a")).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was '1.a'");
    }
}
