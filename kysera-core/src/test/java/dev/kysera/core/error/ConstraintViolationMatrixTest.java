package dev.kysera.core.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jooq.exception.DataAccessException;
import org.postgresql.util.PSQLException;

/**
 * Real constraint violations on every engine of the matrix, with what each database really names.
 * The unique test uses a value that must not leak into Kysera's message.
 */
class ConstraintViolationMatrixTest {

    private static final String SECRET_EMAIL = "s3cret-value@example.com";

    private final ErrorTranslator translator = ErrorTranslator.standard();

    private static Throwable failureOf(TestDatabase db, String sql) {
        Throwable failure = catchThrowable(() -> db.dsl().execute(sql));
        assertThat(failure).as("the statement must fail: %s", sql).isInstanceOf(DataAccessException.class);
        return failure;
    }

    private static void insertUser(TestDatabase db, long id, String email) {
        db.dsl().execute("insert into users (id, email, name) values (" + id + ", '" + email + "', 'Ann')");
    }

    @MatrixTest
    void duplicate_email_is_a_unique_violation(TestDatabase db) {
        db.useTestSchema();
        insertUser(db, 1, SECRET_EMAIL);
        Throwable failure = failureOf(db, "insert into users (id, email, name) values (2, '" + SECRET_EMAIL + "', 'Bob')");

        KyseraException translated = translator.translate(failure, db.dialect());

        assertThat(translated).isInstanceOf(UniqueConstraintException.class).hasCause(failure);
        UniqueConstraintException unique = (UniqueConstraintException) translated;
        assertThat(unique.code()).isEqualTo("UNIQUE_VIOLATION");
        assertThat(unique.isTransient()).isFalse();
        assertThat(unique.getMessage()).startsWith("UNIQUE constraint").doesNotContain("s3cret");
        assertThat(unique.toString()).contains("[UNIQUE_VIOLATION]");
        assertThat(unique.dialect()).contains(db.dialect());
        switch (db.engine()) {
            case SQLITE -> {
                // SQLite names table.column, never the constraint
                assertThat(unique.constraint()).isEmpty();
                assertThat(unique.table()).contains("users");
                assertThat(unique.columns()).containsExactly("email");
                assertThat(unique.sqlState()).isEmpty();
                assertThat(unique.vendorCode()).isEqualTo(2067);
                assertThat(unique.getMessage()).isEqualTo("UNIQUE constraint violated on users(email)");
            }
            case H2 -> {
                assertThat(unique.constraint()).contains("users_email_uk");
                assertThat(unique.table()).contains("users");
                assertThat(unique.columns()).containsExactly("email");
                assertThat(unique.vendorCode()).isEqualTo(23505);
                assertThat(unique.getMessage()).isEqualTo("UNIQUE constraint users_email_uk violated on users(email)");
            }
            case POSTGRES -> {
                // the message names constraint and key columns; the table comes from the server's error fields
                assertThat(unique.constraint()).contains("users_email_uk");
                assertThat(unique.table()).contains("users");
                assertThat(unique.columns()).containsExactly("email");
                assertThat(unique.sqlState()).contains("23505");
                assertThat(unique.getMessage()).isEqualTo("UNIQUE constraint users_email_uk violated on users(email)");
            }
            case MARIADB -> {
                // MariaDB names only the key; MySQL 8 would add the table ("users.users_email_uk")
                assertThat(unique.constraint()).contains("users_email_uk");
                assertThat(unique.table()).isEmpty();
                assertThat(unique.columns()).isEmpty();
                assertThat(unique.vendorCode()).isEqualTo(1062);
                assertThat(unique.sqlState()).contains("23000");
                assertThat(unique.getMessage()).isEqualTo("UNIQUE constraint users_email_uk violated");
            }
        }
    }

    @MatrixTest
    void the_family_is_recognised_from_the_driver_when_no_dialect_is_given(TestDatabase db) {
        db.useTestSchema();
        insertUser(db, 1, "a@example.com");
        Throwable failure = failureOf(db, "insert into users (id, email, name) values (2, 'a@example.com', 'Bob')");

        KyseraException translated = translator.translate(failure);

        assertThat(translated).isInstanceOf(UniqueConstraintException.class);
        DatabaseException database = (DatabaseException) translated;
        assertThat(database.family()).isEqualTo(DatabaseFamily.of(db.dialect()));
        assertThat(database.dialect()).isEmpty();
    }

    @MatrixTest
    void primary_key_duplicate_is_a_unique_violation(TestDatabase db) {
        db.useTestSchema();
        db.dsl().execute("insert into settings (setting_key) values ('k')");
        Throwable failure = failureOf(db, "insert into settings (setting_key) values ('k')");

        KyseraException translated = translator.translate(failure, db.dialect());

        assertThat(translated).isInstanceOf(UniqueConstraintException.class);
        if (db.engine() != Engine.MARIADB) {
            assertThat(((DatabaseException) translated).columns()).containsExactly("setting_key");
        } else {
            assertThat(((DatabaseException) translated).constraint()).contains("PRIMARY");
        }
    }

    /** H2 words a duplicate of a primary key it keeps as the row key (a BIGINT id) unlike one of an index. */
    @MatrixTest(only = Engine.H2)
    void duplicate_row_key_names_its_primary_key_and_column(TestDatabase db) {
        db.useTestSchema();
        insertUser(db, 1, "a@example.com");
        Throwable failure = failureOf(db, "merge into users u using (select 1 id, 'b@example.com' email) s on u.email = s.email "
                + "when not matched then insert (id, email, name) values (s.id, s.email, 'Bob')");

        UniqueConstraintException unique = (UniqueConstraintException) translator.translate(failure, db.dialect());

        assertThat(unique.constraint()).contains("users_pk");
        assertThat(unique.table()).contains("users");
        assertThat(unique.columns()).containsExactly("id");
    }

    @MatrixTest
    void orphan_post_is_a_foreign_key_violation(TestDatabase db) {
        db.useTestSchema();
        Throwable failure = failureOf(db, "insert into posts (user_id, title) values (999999, 'orphan')");

        KyseraException translated = translator.translate(failure, db.dialect());

        assertThat(translated).isInstanceOf(ForeignKeyException.class).hasCause(failure);
        ForeignKeyException fk = (ForeignKeyException) translated;
        assertThat(fk.code()).isEqualTo("FOREIGN_KEY_VIOLATION");
        assertThat(fk.getMessage()).doesNotContain("999999");
        if (db.engine() == Engine.SQLITE) {
            // SQLite says only "FOREIGN KEY constraint failed"
            assertThat(fk.constraint()).isEmpty();
            assertThat(fk.table()).isEmpty();
            assertThat(fk.referencedTable()).isEmpty();
            assertThat(fk.vendorCode()).isEqualTo(787);
            assertThat(fk.getMessage()).isEqualTo("FOREIGN KEY constraint violated");
        } else {
            assertThat(fk.constraint()).contains("posts_user_fk");
            assertThat(fk.table()).contains("posts");
            assertThat(fk.columns()).containsExactly("user_id");
            assertThat(fk.referencedTable()).contains("users");
            assertThat(fk.getMessage())
                    .isEqualTo("FOREIGN KEY constraint posts_user_fk violated on posts(user_id) referencing users");
        }
    }

    @MatrixTest
    void deleting_a_referenced_user_is_a_foreign_key_violation(TestDatabase db) {
        db.useTestSchema();
        insertUser(db, 1, "a@example.com");
        db.dsl().execute("insert into posts (user_id, title) values (1, 'p')");
        Throwable failure = failureOf(db, "delete from users where id = 1");

        KyseraException translated = translator.translate(failure, db.dialect());

        assertThat(translated).isInstanceOf(ForeignKeyException.class);
        ForeignKeyException fk = (ForeignKeyException) translated;
        if (db.engine() != Engine.SQLITE) {
            assertThat(fk.constraint()).contains("posts_user_fk");
            assertThat(fk.table()).as("the child table").contains("posts");
            assertThat(fk.referencedTable()).as("the parent table").contains("users");
        }
    }

    @MatrixTest
    void null_name_is_a_not_null_violation_naming_the_column(TestDatabase db) {
        db.useTestSchema();
        Throwable failure = failureOf(db, "insert into users (email, name) values ('n@example.com', null)");

        KyseraException translated = translator.translate(failure, db.dialect());

        assertThat(translated).isInstanceOf(NotNullException.class).hasCause(failure);
        NotNullException notNull = (NotNullException) translated;
        assertThat(notNull.code()).isEqualTo("NOT_NULL_VIOLATION");
        assertThat(notNull.column()).contains("name");
        switch (db.engine()) {
            case SQLITE, POSTGRES -> {
                assertThat(notNull.table()).contains("users");
                assertThat(notNull.getMessage()).isEqualTo("NOT NULL constraint violated on users(name)");
            }
            case H2, MARIADB -> {
                assertThat(notNull.table()).isEmpty();
                assertThat(notNull.getMessage()).isEqualTo("NOT NULL constraint violated on column name");
            }
        }
    }

    @MatrixTest
    void a_missing_column_without_default_is_a_not_null_violation(TestDatabase db) {
        db.useTestSchema();
        // MariaDB reports this differently (1364, SQLState HY000) from an explicit NULL (1048)
        Throwable failure = failureOf(db, "insert into users (email) values ('n@example.com')");

        KyseraException translated = translator.translate(failure, db.dialect());

        assertThat(translated).isInstanceOf(NotNullException.class);
        assertThat(((NotNullException) translated).column()).contains("name");
    }

    @MatrixTest
    void bogus_status_is_a_check_violation(TestDatabase db) {
        db.useTestSchema();
        Throwable failure = failureOf(db, "insert into users (email, name, status) values ('c@example.com', 'C', 'bogus')");

        KyseraException translated = translator.translate(failure, db.dialect());

        assertThat(translated).isInstanceOf(CheckConstraintException.class).hasCause(failure);
        CheckConstraintException check = (CheckConstraintException) translated;
        assertThat(check.code()).isEqualTo("CHECK_VIOLATION");
        assertThat(check.constraint()).contains("users_status_ck");
        switch (db.engine()) {
            case POSTGRES, MARIADB -> assertThat(check.getMessage())
                    .isEqualTo("CHECK constraint users_status_ck violated on users");
            case SQLITE, H2 -> assertThat(check.getMessage()).isEqualTo("CHECK constraint users_status_ck violated");
        }
    }

    @MatrixTest
    void negative_balance_is_a_check_violation(TestDatabase db) {
        db.useTestSchema();
        Throwable failure = failureOf(db,
                "insert into accounts (id, owner, balance) values ('5b2f1c1e-8d4a-4c1e-9b1a-0d6f1e2a3b4c', 'o', -1)");

        KyseraException translated = translator.translate(failure, db.dialect());

        assertThat(translated).isInstanceOf(CheckConstraintException.class);
        assertThat(((CheckConstraintException) translated).constraint()).contains("accounts_balance_ck");
    }

    @MatrixTest
    void a_failing_jdbc_batch_is_translated_from_its_entry_failure(TestDatabase db) throws SQLException {
        db.useTestSchema();
        SQLException failure;
        try (Connection connection = db.newConnection();
                PreparedStatement insert = connection.prepareStatement("insert into users (email, name) values (?, ?)")) {
            for (int i = 0; i < 2; i++) {
                insert.setString(1, SECRET_EMAIL);
                insert.setString(2, "n" + i);
                insert.addBatch();
            }
            failure = (SQLException) catchThrowable(insert::executeBatch);
        }
        if (db.engine() == Engine.SQLITE) {
            // xerial throws a plain SQLiteException from a batch
            assertThat((Throwable) failure).isExactlyInstanceOf(org.sqlite.SQLiteException.class);
        } else {
            assertThat((Throwable) failure).isInstanceOf(BatchUpdateException.class);
        }

        KyseraException translated = translator.translate(failure, db.dialect());

        assertThat(translated).isInstanceOf(UniqueConstraintException.class);
        assertThat(translated.getMessage()).doesNotContain("s3cret");
        if (db.engine() != Engine.SQLITE) {
            assertThat(((DatabaseException) translated).constraint()).contains("users_email_uk");
        }
    }

    @MatrixTest
    void a_syntax_error_is_a_plain_database_error(TestDatabase db) {
        Throwable failure = failureOf(db, "selec 1");

        KyseraException translated = translator.translate(failure, db.dialect());

        assertThat(translated.getClass()).isEqualTo(DatabaseException.class);
        assertThat(translated.code()).isEqualTo("DATABASE_ERROR");
        assertThat(translated.isTransient()).isFalse();
        assertThat(translated.getMessage()).startsWith("Database error").contains("selec");
        assertThat(translated).hasCause(failure);
    }

    @MatrixTest(only = Engine.POSTGRES)
    void an_application_hook_wins_over_the_server_fields_and_the_message(TestDatabase db) {
        db.useTestSchema();
        insertUser(db, 1, "a@example.com");
        Throwable failure = failureOf(db, "insert into users (id, email, name) values (2, 'a@example.com', 'Bob')");
        ErrorTranslator withHook = ErrorTranslator.withExtractor((e, family) -> e instanceof PSQLException
                ? Optional.of(ConstraintNames.of(null, "hooked_uk", List.of(), null))
                : Optional.empty());

        UniqueConstraintException unique = (UniqueConstraintException) withHook.translate(failure, db.dialect());

        assertThat(unique.constraint()).contains("hooked_uk");
        assertThat(unique.table()).as("from the server's fields").contains("users");
        assertThat(unique.columns()).as("still parsed from the detail").containsExactly("email");
        assertThat(unique.getMessage()).isEqualTo("UNIQUE constraint hooked_uk violated on users(email)");
    }

    @MatrixTest(only = Engine.POSTGRES)
    void a_broken_hook_costs_nothing_of_the_server_fields(TestDatabase db) {
        db.useTestSchema();
        insertUser(db, 1, "a@example.com");
        Throwable failure = failureOf(db, "insert into users (id, email, name) values (2, 'a@example.com', 'Bob')");
        ErrorTranslator broken = ErrorTranslator.withExtractor((e, family) -> {
            throw new IllegalStateException("broken hook");
        });

        UniqueConstraintException unique = (UniqueConstraintException) broken.translate(failure, db.dialect());

        assertThat(unique.constraint()).contains("users_email_uk");
        assertThat(unique.table()).contains("users");
    }
}
