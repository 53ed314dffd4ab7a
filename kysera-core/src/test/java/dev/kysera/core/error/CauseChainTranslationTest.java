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

/** Cause chains, next-exception chains, batches and cycles. */
class CauseChainTranslationTest {

    private final ErrorTranslator translator = ErrorTranslator.standard();

    @Test
    void jooq_data_access_exception_wrapping_an_sql_exception() {
        SQLException cause = new SQLException("duplicate key value violates unique constraint \"users_email_uk\"",
                "23505");
        DataAccessException jooq = new DataAccessException("SQL [insert ...]; duplicate key", cause);

        KyseraException e = translator.translate(jooq, SQLDialect.POSTGRES);

        assertThat(e).isInstanceOf(UniqueConstraintException.class).hasCause(jooq);
        assertThat(((DatabaseException) e).constraint()).contains("users_email_uk");
    }

    @Test
    void the_specific_failure_behind_a_batch_exception_wins() {
        BatchUpdateException batch = new BatchUpdateException(
                "Batch entry 0 insert into users values ('secret') was aborted", "23505", 0, new int[0]);
        batch.setNextException(new SQLException("ERROR: duplicate key value violates unique constraint"
                + " \"users_email_uk\"\n  Detail: Key (email)=(secret) already exists.", "23505"));

        UniqueConstraintException e = (UniqueConstraintException) translator.translate(batch, SQLDialect.POSTGRES);

        assertThat(e.constraint()).contains("users_email_uk");
        assertThat(e.columns()).containsExactly("email");
        assertThat(e.getMessage()).doesNotContain("secret");
    }

    @Test
    void an_unclassified_head_with_a_classified_next_exception_uses_the_next() {
        SQLException head = new SQLException("statement failed", "HY000", 0);
        head.setNextException(new SQLException("deadlock", "40P01"));

        assertThat(translator.translate(head, SQLDialect.POSTGRES)).isInstanceOf(TransientDatabaseException.class);
    }

    @Test
    void the_sql_exception_is_found_deep_in_a_wrapper_chain() {
        Throwable t = new SQLException("lock", "55P03");
        for (int i = 0; i < 300; i++) {
            t = new RuntimeException("wrapper " + i, t);
        }

        KyseraException e = translator.translate(t, SQLDialect.POSTGRES);

        assertThat(((TransientDatabaseException) e).kind()).isEqualTo(Kind.LOCK_TIMEOUT);
        assertThat(e).hasCause(t);
    }

    @Test
    void absurdly_deep_chains_end() {
        Throwable t = new SQLException("lock", "55P03");
        for (int i = 0; i < 100_000; i++) {
            t = new RuntimeException(null, t);
        }
        Throwable deep = t;

        assertThatNoException().isThrownBy(() -> translator.translate(deep));
        assertThat(translator.translate(deep)).isNotNull();
    }

    @Test
    void a_cycle_in_the_cause_chain_ends() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);

        KyseraException e = translator.translate(a);

        assertThat(e.code()).isEqualTo(ErrorTranslator.UNEXPECTED_ERROR);
        assertThat(e).hasCause(a);
    }

    @Test
    void a_cycle_through_next_exceptions_ends() {
        SQLException a = new SQLException("a", "HY000", 1);
        SQLException b = new SQLException("b", "HY000", 2);
        a.setNextException(b);
        b.setNextException(a);

        KyseraException e = translator.translate(a, SQLDialect.POSTGRES);

        assertThat(e.code()).isEqualTo("DATABASE_ERROR");
        assertThat(((DatabaseException) e).vendorCode()).isEqualTo(1);
    }

    @Test
    void an_sql_exception_that_is_its_own_cause_through_a_wrapper_ends() {
        SQLException sql = new SQLException("deadlock", "40P01");
        RuntimeException wrapper = new RuntimeException(sql);
        sql.initCause(wrapper);

        assertThat(translator.translate(wrapper)).isInstanceOf(TransientDatabaseException.class);
    }
}
