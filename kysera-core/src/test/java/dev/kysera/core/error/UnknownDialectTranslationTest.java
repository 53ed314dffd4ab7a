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

/** Without a dialect only standard SQLStates and JDBC exception types count. */
class UnknownDialectTranslationTest {

    private final ErrorTranslator translator = ErrorTranslator.standard();

    @ParameterizedTest
    @CsvSource({
        "23505, UNIQUE_VIOLATION",
        "23503, FOREIGN_KEY_VIOLATION",
        "23502, NOT_NULL_VIOLATION",
        "23514, CHECK_VIOLATION",
        "40001, TRANSIENT_DATABASE_ERROR",
        "40P01, TRANSIENT_DATABASE_ERROR",
        "08006, TRANSIENT_DATABASE_ERROR",
        "08001, TRANSIENT_DATABASE_ERROR",
        "57014, QUERY_CANCELLED",
        "23000, DATABASE_ERROR",
        "42P01, DATABASE_ERROR"})
    void standard_sqlstates_are_enough(String sqlState, String code) {
        assertThat(translator.translate(new SQLException("m", sqlState, 0), (SQLDialect) null).code()).isEqualTo(code);
        assertThat(translator.translate(new SQLException("m", sqlState, 0), SQLDialect.DEFAULT).code()).isEqualTo(code);
    }

    @Test
    void jdbc_exception_types_classify_when_nothing_else_does() {
        KyseraException e = translator.translate(new SQLTransientConnectionException("pool timed out"));

        assertThat(((TransientDatabaseException) e).kind()).isEqualTo(Kind.CONNECTION_LOST);
    }
}
