package dev.kysera.debug.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;

class BindColumnsTest {

    @Test
    void insert_rows_map_to_the_column_list() {
        assertThat(BindColumns.of("insert into \"users\" (\"email\", \"name\") values (?, cast(? as varchar)), (?, ?) returning \"id\"",
                SQLDialect.POSTGRES)).containsExactly("email", "name", "email", "name");
    }

    @Test
    void comparisons_assignments_and_lists() {
        assertThat(BindColumns.of("update `users` set `users`.`email` = ?, `version` = (`version` + ?) where (lower(`users`.`Email`) = ?"
                + " and `id` between ? and ? and `name` in (?, ?) and `status` <> ?) limit ?", SQLDialect.MARIADB))
                .containsExactly("email", "version", "email", "id", "id", "name", "name", "status", null);
        assertThat(BindColumns.of("select * from t where a = (select max(b) from u where c = ?) and d like ? offset ?",
                SQLDialect.H2)).isEqualTo(Arrays.asList("c", "d", null));
    }
}
