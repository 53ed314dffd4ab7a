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

/** The same vendor code means different things per database family. */
class VendorCodeFamilyTest {

    private final ErrorTranslator translator = ErrorTranslator.standard();

    @Test
    void error_1205_is_a_lock_timeout_on_mysql_but_a_deadlock_on_sql_server() {
        SQLException e = new SQLException("Lock wait timeout exceeded; try restarting transaction", "HY000", 1205);

        assertThat(((TransientDatabaseException) translator.translate(e, SQLDialect.MYSQL)).kind())
                .isEqualTo(Kind.LOCK_TIMEOUT);
        assertThat(((TransientDatabaseException) translator.translate(e, DatabaseFamily.SQLSERVER)).kind())
                .isEqualTo(Kind.DEADLOCK);
        assertThat(translator.translate(e).getClass()).as("unknown family: vendor codes are not trusted")
                .isEqualTo(DatabaseException.class);
    }

    @Test
    void h2_40001_is_a_deadlock_while_standard_40001_is_a_serialization_failure() {
        SQLException e = new SQLException("Deadlock detected", "40001", 40001);

        assertThat(((TransientDatabaseException) translator.translate(e, SQLDialect.H2)).kind()).isEqualTo(Kind.DEADLOCK);
        assertThat(((TransientDatabaseException) translator.translate(e, SQLDialect.POSTGRES)).kind())
                .isEqualTo(Kind.SERIALIZATION_FAILURE);
    }

    @Test
    void h2_23514_means_an_invalid_check_not_a_violation() {
        SQLException e = new SQLException("Check constraint invalid", "23514", 23514);

        assertThat(translator.translate(e, SQLDialect.H2).getClass()).isEqualTo(DatabaseException.class);
        assertThat(translator.translate(e, SQLDialect.POSTGRES)).isInstanceOf(CheckConstraintException.class);
    }
}
