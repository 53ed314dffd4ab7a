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

/** SQLite result codes as the xerial driver reports them. */
class SqliteCodeTranslationTest {

    private final ErrorTranslator translator = ErrorTranslator.standard();

    @Test
    void the_extended_code_comes_from_the_drivers_code_name() {
        SQLException e = new SQLException("[SQLITE_CONSTRAINT_NOTNULL] A NOT NULL constraint failed"
                + " (NOT NULL constraint failed: users.name)", null, 19);

        NotNullException notNull = (NotNullException) translator.translate(e, SQLDialect.SQLITE);

        assertThat(notNull.vendorCode()).isEqualTo(1299);
        assertThat(notNull.table()).contains("users");
        assertThat(notNull.column()).contains("name");
    }

    @Test
    void a_code_name_that_contradicts_the_primary_code_is_ignored() {
        SQLException e = new SQLException("[SQLITE_CONSTRAINT_UNIQUE] but the code says busy", null, 5);

        KyseraException translated = translator.translate(e, SQLDialect.SQLITE);

        assertThat(((TransientDatabaseException) translated).kind()).isEqualTo(Kind.DATABASE_BUSY);
    }

    @Test
    void a_bare_constraint_code_without_extension_is_not_guessed() {
        SQLException e = new SQLException("UNIQUE constraint failed: users.email", null, 19);

        assertThat(translator.translate(e, SQLDialect.SQLITE).getClass()).isEqualTo(DatabaseException.class);
    }

    @ParameterizedTest
    @CsvSource({"2067", "1555", "787", "1299", "275", "261", "262", "517"})
    void extended_codes_reported_as_error_codes_are_used_directly(int code) {
        KyseraException e = translator.translate(new SQLException("no name in this message", null, code), SQLDialect.SQLITE);

        assertThat(e.getClass()).isNotEqualTo(DatabaseException.class);
        assertThat(((DatabaseException) e).vendorCode()).isEqualTo(code);
    }

    @Test
    void an_unnamed_check_reports_its_expression_which_is_not_taken_for_a_name() {
        SQLException e = new SQLException("[SQLITE_CONSTRAINT_CHECK] A CHECK constraint failed"
                + " (CHECK constraint failed: balance >= 0)", null, 19);

        CheckConstraintException check = (CheckConstraintException) translator.translate(e, SQLDialect.SQLITE);

        assertThat(check.constraint()).isEmpty();
        assertThat(check.getMessage()).isEqualTo("CHECK constraint violated");
    }
}
