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

/** Input the original TypeScript threw on: null, bare exceptions, hostile throwables. */
class OddInputTranslationTest {

    private final ErrorTranslator translator = ErrorTranslator.standard();

    @Test
    void null_becomes_an_unexpected_error() {
        KyseraException e = translator.translate(null);

        assertThat(e.code()).isEqualTo(ErrorTranslator.UNEXPECTED_ERROR);
        assertThat(e.getCause()).isNull();
        assertThat(translator.translate(null, SQLDialect.POSTGRES)).isNotNull();
    }

    @Test
    void a_runtime_exception_without_cause_or_message() {
        IllegalStateException ise = new IllegalStateException();

        KyseraException e = translator.translate(ise);

        assertThat(e.getClass()).isEqualTo(KyseraException.class);
        assertThat(e.code()).isEqualTo(ErrorTranslator.UNEXPECTED_ERROR);
        assertThat(e.getMessage()).isEqualTo("Unexpected error: java.lang.IllegalStateException");
        assertThat(e).hasCause(ise);
    }

    @Test
    void an_sql_exception_with_no_state_no_code_and_no_message() {
        SQLException bare = new SQLException((String) null, (String) null, 0);

        for (SQLDialect dialect : new SQLDialect[] {null, SQLDialect.POSTGRES, SQLDialect.SQLITE, SQLDialect.MYSQL, SQLDialect.H2}) {
            KyseraException e = translator.translate(bare, dialect);
            assertThat(e.getClass()).isEqualTo(DatabaseException.class);
            assertThat(e.getMessage()).isEqualTo("Database error");
            assertThat(((DatabaseException) e).sqlState()).isEmpty();
        }
    }

    @Test
    void classified_codes_with_null_messages_have_no_names() {
        UniqueConstraintException e = (UniqueConstraintException)
                translator.translate(new SQLException(null, "23505"), SQLDialect.POSTGRES);

        assertThat(e.constraint()).isEmpty();
        assertThat(e.table()).isEmpty();
        assertThat(e.columns()).isEmpty();
        assertThat(e.getMessage()).isEqualTo("UNIQUE constraint violated");
    }

    @Test
    void a_throwable_whose_methods_throw_does_not_break_translation() {
        RuntimeException hostile = new RuntimeException() {
            @Override
            public synchronized Throwable getCause() {
                throw new IllegalStateException("no cause for you");
            }

            @Override
            public String getMessage() {
                throw new IllegalStateException("no message either");
            }
        };

        KyseraException e = translator.translate(hostile);

        assertThat(e.code()).isEqualTo(ErrorTranslator.UNEXPECTED_ERROR);
        assertThat(e).hasCause(hostile);
    }

    @Test
    void a_jooq_exception_without_sql_exception_is_a_database_error() {
        KyseraException e = translator.translate(new DataAccessException("Cannot execute query. No Connection configured"));

        assertThat(e.getClass()).isEqualTo(DatabaseException.class);
        assertThat(e.getMessage()).contains("No Connection configured");
    }

    @Test
    void a_throwing_hook_costs_names_not_the_translation() {
        ErrorTranslator broken = ErrorTranslator.withExtractor((e, family) -> {
            throw new IllegalStateException("hook bug");
        });
        ErrorTranslator nullReturning = ErrorTranslator.withExtractor((e, family) -> null);
        SQLException e = new SQLException("violates unique constraint \"users_email_uk\"", "23505");

        assertThat(((DatabaseException) broken.translate(e, SQLDialect.POSTGRES)).constraint()).contains("users_email_uk");
        assertThat(((DatabaseException) nullReturning.translate(e, SQLDialect.POSTGRES)).constraint())
                .contains("users_email_uk");
    }

    @Test
    void hook_names_win_and_missing_parts_come_from_the_message() {
        ErrorTranslator hooked = ErrorTranslator.withExtractor((e, family) ->
                Optional.of(ConstraintNames.of("users", null, List.of(), null)));
        SQLException e = new SQLException("violates unique constraint \"users_email_uk\"", "23505");

        DatabaseException translated = (DatabaseException) hooked.translate(e, SQLDialect.POSTGRES);

        assertThat(translated.table()).contains("users");
        assertThat(translated.constraint()).contains("users_email_uk");
    }
}
