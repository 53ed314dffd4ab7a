package dev.kysera.core.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import dev.kysera.core.error.TransientDatabaseException.Kind;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** MySQL 8 message formats that the MariaDB in the matrix does not produce. */
class MySqlMessageTranslationTest {

    private final ErrorTranslator translator = ErrorTranslator.standard();

    @Test
    void mysql_8_qualifies_the_key_with_the_table() {
        UniqueConstraintException e = (UniqueConstraintException) translator.translate(new SQLException(
                "Duplicate entry 'x' for key 'users.users_email_uk'", "23000", 1062), SQLDialect.MYSQL);

        assertThat(e.table()).contains("users");
        assertThat(e.constraint()).contains("users_email_uk");
    }

    @Test
    void a_duplicated_value_that_looks_like_a_key_does_not_fool_the_name_parser() {
        UniqueConstraintException e = (UniqueConstraintException) translator.translate(new SQLException(
                "Duplicate entry 'for key 'evil'' for key 'users_email_uk'", "23000", 1062), SQLDialect.MARIADB);

        assertThat(e.constraint()).contains("users_email_uk");
    }

    @Test
    void mysql_check_3819_names_the_constraint() {
        CheckConstraintException e = (CheckConstraintException) translator.translate(new SQLException(
                "Check constraint 'users_status_ck' is violated.", "HY000", 3819), SQLDialect.MYSQL);

        assertThat(e.constraint()).contains("users_status_ck");
    }

    @Test
    void mysql_foreign_key_without_details_still_classifies() {
        assertThat(translator.translate(new SQLException("Cannot add or update a child row: a foreign key"
                + " constraint fails", "23000", 1216), SQLDialect.MYSQL)).isInstanceOf(ForeignKeyException.class);
    }

    @Test
    void mysql_connection_errors_are_lost_connections() {
        for (int number : new int[] {2006, 2013}) {
            KyseraException e = translator.translate(new SQLException("gone", "HY000", number), SQLDialect.MARIADB);
            assertThat(((TransientDatabaseException) e).kind()).isEqualTo(Kind.CONNECTION_LOST);
        }
    }
}
