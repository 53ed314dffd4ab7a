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

/** Already translated exceptions are not translated again. */
class PassThroughTranslationTest {

    private final ErrorTranslator translator = ErrorTranslator.standard();

    @Test
    void a_kysera_exception_comes_back_unchanged() {
        NotFoundException notFound = new NotFoundException("users", 42);

        assertThat(translator.translate(notFound)).isSameAs(notFound);
        assertThat(translator.translate(notFound, SQLDialect.POSTGRES)).isSameAs(notFound);
    }

    @Test
    void a_kysera_exception_wrapped_by_someone_else_is_unwrapped() {
        BadRequestException badRequest = new BadRequestException("bad cursor");

        assertThat(translator.translate(new CompletionException(badRequest))).isSameAs(badRequest);
        assertThat(translator.translate(new DataAccessException("listener failed", badRequest))).isSameAs(badRequest);
    }

    @Test
    void translating_twice_changes_nothing() {
        KyseraException once = translator.translate(new SQLException("x", "40P01"), SQLDialect.POSTGRES);

        assertThat(translator.translate(once)).isSameAs(once);
    }
}
