package dev.kysera.core.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;

class ExceptionTypesTest {

    private static DatabaseErrorDetails details(ConstraintNames names) {
        return DatabaseErrorDetails.of(DatabaseFamily.POSTGRES, SQLDialect.POSTGRES, "23505", 0, names);
    }

    @Test
    void every_type_has_its_stable_code_and_toString_shows_it() {
        DatabaseErrorDetails none = details(ConstraintNames.NONE);
        List<KyseraException> all = List.of(
                new BadRequestException("b"),
                new DatabaseException("d", none, null),
                new UniqueConstraintException(none, null),
                new ForeignKeyException(none, null),
                new NotNullException(none, null),
                new CheckConstraintException(none, null),
                new TransientDatabaseException(TransientDatabaseException.Kind.DEADLOCK, none, null),
                new QueryCancelledException(none, null),
                new NotFoundException("users", 1),
                new ValidationFailedException("email", "must not be blank"));

        assertThat(all).extracting(KyseraException::code).containsExactly("BAD_REQUEST", "DATABASE_ERROR",
                "UNIQUE_VIOLATION", "FOREIGN_KEY_VIOLATION", "NOT_NULL_VIOLATION", "CHECK_VIOLATION",
                "TRANSIENT_DATABASE_ERROR", "QUERY_CANCELLED", "NOT_FOUND", "VALIDATION_FAILED");
        assertThat(all).allSatisfy(e -> assertThat(e.toString()).contains("[" + e.code() + "]"));
        assertThat(all).filteredOn(KyseraException::isTransient).hasSize(1)
                .first().isInstanceOf(TransientDatabaseException.class);
    }

    @Test
    void database_exceptions_show_family_and_sqlstate_in_toString() {
        DatabaseException e = new UniqueConstraintException(details(ConstraintNames.of("users", "users_email_uk",
                List.of("email"), null)), null);

        assertThat(e).hasToString("UniqueConstraintException[UNIQUE_VIOLATION]: UNIQUE constraint users_email_uk"
                + " violated on users(email) {family=POSTGRES, sqlState=23505}");
        assertThat(e.dialect()).contains(SQLDialect.POSTGRES);
    }

    @Test
    void foreign_key_message_names_both_tables() {
        ForeignKeyException e = new ForeignKeyException(details(ConstraintNames.of("posts", "posts_user_fk",
                List.of("user_id"), "users")), null);

        assertThat(e.getMessage()).isEqualTo("FOREIGN KEY constraint posts_user_fk violated on posts(user_id) referencing users");
        assertThat(e.referencedTable()).contains("users");
    }

    @Test
    void null_details_are_tolerated() {
        DatabaseException e = new CheckConstraintException(null, null);

        assertThat(e.details()).isEqualTo(DatabaseErrorDetails.UNKNOWN);
        assertThat(e.getMessage()).isEqualTo("CHECK constraint violated");
        assertThat(new ForeignKeyException(null, null).referencedTable()).isEmpty();
    }

    @Test
    void constraint_names_drop_blanks_and_merge_part_by_part() {
        ConstraintNames partial = ConstraintNames.of(" ", null, java.util.Arrays.asList("a", null, " "), null);

        assertThat(partial).isEqualTo(ConstraintNames.of(null, null, List.of("a"), null));
        assertThat(ConstraintNames.of("t", null, List.of(), null).or(ConstraintNames.of("x", "c", List.of("k"), "p")))
                .isEqualTo(ConstraintNames.of("t", "c", List.of("k"), "p"));
    }

    @Test
    void dialect_families() {
        assertThat(DatabaseFamily.of(SQLDialect.MARIADB)).isEqualTo(DatabaseFamily.MYSQL);
        assertThat(DatabaseFamily.of(SQLDialect.YUGABYTEDB)).isEqualTo(DatabaseFamily.POSTGRES);
        assertThat(DatabaseFamily.of(SQLDialect.DERBY)).isEqualTo(DatabaseFamily.OTHER);
        assertThat(DatabaseFamily.of(null)).isEqualTo(DatabaseFamily.OTHER);
    }

    @Test
    void not_found_carries_entity_and_key() {
        NotFoundException e = new NotFoundException("users", 42L);

        assertThat(e.getMessage()).isEqualTo("users not found: 42");
        assertThat(e.entity()).isEqualTo("users");
        assertThat(e.key()).contains(42L);
        assertThat(new NotFoundException("settings").key()).isEmpty();
        assertThat(e).isNotInstanceOf(DatabaseException.class);
    }

    @Test
    void validation_lists_violations_and_caps_the_message() {
        List<ValidationFailedException.Violation> many = IntStream.range(0, 7)
                .mapToObj(i -> new ValidationFailedException.Violation("items[" + i + "].qty", "must be positive")).toList();

        ValidationFailedException e = new ValidationFailedException(many);

        assertThat(e.violations()).hasSize(7);
        assertThat(e.getMessage()).startsWith("Validation failed (7 violations): items[0].qty: must be positive; ")
                .contains("items[4].qty").doesNotContain("items[5].qty").endsWith("; and 2 more");
        assertThat(new ValidationFailedException("", "passwords differ").getMessage())
                .isEqualTo("Validation failed (1 violation): passwords differ");
    }

    @Test
    void validation_needs_a_violation() {
        assertThatThrownBy(() -> new ValidationFailedException(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ValidationFailedException.Violation(null, "m")).isInstanceOf(NullPointerException.class);
    }
}
