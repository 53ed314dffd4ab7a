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

/** SQL Server error numbers with the real message formats (no SQL Server runs here). */
class SqlServerTranslationTest {

    private final ErrorTranslator translator = ErrorTranslator.standard();

    private KyseraException sqlServer(String message, String sqlState, int number) {
        return translator.translate(new SQLException(message, sqlState, number), DatabaseFamily.SQLSERVER);
    }

    @Test
    void unique_key_2627_names_constraint_and_table_but_not_the_duplicated_value() {
        KyseraException e = sqlServer("Violation of UNIQUE KEY constraint 'UQ_users_email'. Cannot insert duplicate key"
                + " in object 'dbo.users'. The duplicate key value is (secret@example.com).", "23000", 2627);

        assertThat(e).isInstanceOf(UniqueConstraintException.class);
        UniqueConstraintException unique = (UniqueConstraintException) e;
        assertThat(unique.constraint()).contains("UQ_users_email");
        assertThat(unique.table()).contains("users");
        assertThat(unique.columns()).isEmpty();
        assertThat(unique.family()).isEqualTo(DatabaseFamily.SQLSERVER);
        assertThat(unique.dialect()).isEmpty();
        assertThat(unique.vendorCode()).isEqualTo(2627);
        assertThat(unique.getMessage()).isEqualTo("UNIQUE constraint UQ_users_email violated on users")
                .doesNotContain("secret");
    }

    @Test
    void primary_key_2627_and_unique_index_2601_are_unique_violations() {
        UniqueConstraintException pk = (UniqueConstraintException) sqlServer("Violation of PRIMARY KEY constraint"
                + " 'PK_users'. Cannot insert duplicate key in object 'dbo.users'. The duplicate key value is (1).",
                "23000", 2627);
        assertThat(pk.constraint()).contains("PK_users");

        UniqueConstraintException index = (UniqueConstraintException) sqlServer("Cannot insert duplicate key row in"
                + " object 'dbo.users' with unique index 'IX_users_email'. The duplicate key value is (a@b.c).",
                "23000", 2601);
        assertThat(index.constraint()).contains("IX_users_email");
        assertThat(index.table()).contains("users");
    }

    @Test
    void error_547_with_a_foreign_key_constraint_is_a_foreign_key_violation() {
        KyseraException e = sqlServer("The INSERT statement conflicted with the FOREIGN KEY constraint"
                + " \"FK_posts_users\". The conflict occurred in database \"test\", table \"dbo.users\", column 'id'.",
                "23000", 547);

        assertThat(e).isInstanceOf(ForeignKeyException.class);
        ForeignKeyException fk = (ForeignKeyException) e;
        assertThat(fk.constraint()).contains("FK_posts_users");
        // on the child side SQL Server names the parent table and column
        assertThat(fk.referencedTable()).contains("users");
        assertThat(fk.table()).isEmpty();
    }

    @Test
    void error_547_with_a_reference_constraint_is_a_foreign_key_violation_on_the_child() {
        ForeignKeyException fk = (ForeignKeyException) sqlServer("The DELETE statement conflicted with the REFERENCE"
                + " constraint \"FK_posts_users\". The conflict occurred in database \"test\", table \"dbo.posts\","
                + " column 'user_id'.\nThe statement has been terminated.", "23000", 547);

        assertThat(fk.table()).contains("posts");
        assertThat(fk.columns()).containsExactly("user_id");
    }

    @Test
    void error_547_with_a_check_constraint_is_a_check_violation() {
        KyseraException e = sqlServer("The INSERT statement conflicted with the CHECK constraint \"CK_users_status\"."
                + " The conflict occurred in database \"test\", table \"dbo.users\", column 'status'.", "23000", 547);

        assertThat(e).isInstanceOf(CheckConstraintException.class);
        CheckConstraintException check = (CheckConstraintException) e;
        assertThat(check.constraint()).contains("CK_users_status");
        assertThat(check.table()).contains("users");
        assertThat(check.columns()).containsExactly("status");
    }

    @Test
    void error_547_without_a_recognisable_keyword_stays_unclassified() {
        KyseraException e = sqlServer("Die INSERT-Anweisung steht in Konflikt mit einer Einschränkung.", "23000", 547);

        assertThat(e.getClass()).isEqualTo(DatabaseException.class);
        assertThat(e.code()).isEqualTo("DATABASE_ERROR");
    }

    @Test
    void null_into_a_not_null_column_515_names_column_and_table() {
        NotNullException e = (NotNullException) sqlServer("Cannot insert the value NULL into column 'name', table"
                + " 'test.dbo.users'; column does not allow nulls. INSERT fails.", "23000", 515);

        assertThat(e.column()).contains("name");
        assertThat(e.table()).contains("users");
    }

    @ParameterizedTest
    @CsvSource({
        "1205, 40001, DEADLOCK",
        "1222, S0001, LOCK_TIMEOUT",
        "3960, S0001, SERIALIZATION_FAILURE",
        "40613, S0001, DATABASE_BUSY",
        "10054, 08S01, CONNECTION_LOST"})
    void retryable_errors_are_transient(int number, String sqlState, Kind kind) {
        KyseraException e = sqlServer("any text: classification does not read it", sqlState, number);

        assertThat(e).isInstanceOf(TransientDatabaseException.class);
        assertThat(((TransientDatabaseException) e).kind()).isEqualTo(kind);
        assertThat(e.isTransient()).isTrue();
    }
}
