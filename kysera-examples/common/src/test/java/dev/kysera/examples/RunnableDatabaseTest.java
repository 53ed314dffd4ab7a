package dev.kysera.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** The examples' {@code main} database: a temporary SQLite file by default, a URL otherwise. */
class RunnableDatabaseTest {

    @Test
    void without_a_url_it_is_a_sqlite_file_that_is_deleted_on_close() {
        Path file;
        try (RunnableDatabase db = RunnableDatabase.open("test", new String[0])) {
            file = db.sqliteFile();
            assertThat(db.dialect()).isEqualTo(SQLDialect.SQLITE);
            assertThat(file).exists();
            assertThat(DSL.using(db.dataSource(), db.dialect()).fetchValue("select 1")).isEqualTo(1);
        }
        assertThat(Files.exists(file)).isFalse();
    }

    @Test
    void a_url_is_used_as_given_and_two_arguments_are_refused() {
        try (RunnableDatabase db = RunnableDatabase.open("test", new String[] {"jdbc:sqlite:file:given?mode=memory&cache=shared"})) {
            assertThat(db.shownUrl()).isEqualTo("jdbc:sqlite:file:given?mode=memory&cache=shared");
            assertThat(db.sqliteFile()).isNull();
        }
        assertThatThrownBy(() -> RunnableDatabase.open("test", new String[] {"jdbc:sqlite::memory:", "extra"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 2");
    }
}
