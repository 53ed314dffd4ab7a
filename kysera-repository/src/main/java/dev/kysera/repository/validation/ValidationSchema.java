package dev.kysera.repository.validation;

import dev.kysera.core.error.ValidationFailedException;
import dev.kysera.core.error.ValidationFailedException.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Validates repository input before any SQL runs. Implement {@link #violations} directly, compose
 * the lambda rules below, or use an adapter ({@code kysera-validation-jakarta},
 * {@code kysera-validation-yavi}). Implementations must be thread-safe.
 *
 * <pre>{@code
 * ValidationSchema<NewUser> schema = ValidationSchema.<NewUser>rule("email", u -> u.email().contains("@"), "must be an e-mail address")
 *         .and(ValidationSchema.rule("name", u -> !u.name().isBlank(), "must not be blank"));
 * }</pre>
 *
 * @param <T> the validated type
 */
@FunctionalInterface
public interface ValidationSchema<T> {

    /**
     * Every rule {@code value} breaks; empty when it is valid. Never throws for invalid input.
     *
     * @param value the value to check; may be {@code null}, which an implementation should report
     *              rather than throw on
     * @return every violation, in a stable order; empty when the value is valid
     */
    List<Violation> violations(T value);

    /**
     * Returns {@code value} if valid.
     *
     * @param value the value to check
     * @return {@code value} itself
     * @throws ValidationFailedException listing every violation
     */
    default T validate(T value) {
        List<Violation> violations = violations(value);
        if (!violations.isEmpty()) {
            throw new ValidationFailedException(violations);
        }
        return value;
    }

    /**
     * A schema that reports the violations of both.
     *
     * @param other the second schema, checked after this one
     * @return a schema reporting this schema's violations, then {@code other}'s
     * @throws NullPointerException if {@code other} is null
     */
    default ValidationSchema<T> and(ValidationSchema<? super T> other) {
        Objects.requireNonNull(other, "other");
        return value -> {
            List<Violation> all = new ArrayList<>(violations(value));
            all.addAll(other.violations(value));
            return all;
        };
    }

    /**
     * Accepts everything: for repositories without validation.
     *
     * @param <T> the validated type
     * @return a schema that never reports a violation
     */
    static <T> ValidationSchema<T> none() {
        return value -> List.of();
    }

    /**
     * One rule on the whole value, reported at {@code path}.
     *
     * @param path    the violation's path, e.g. {@code email}; empty for the whole value
     * @param valid   {@code true} when the value is valid; it must handle {@code null} if null can
     *                be validated
     * @param message the violation's message
     * @param <T>     the validated type
     * @return the schema
     * @throws NullPointerException if an argument is null
     */
    static <T> ValidationSchema<T> rule(String path, Predicate<? super T> valid, String message) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(valid, "valid");
        Objects.requireNonNull(message, "message");
        return value -> valid.test(value) ? List.of() : List.of(new Violation(path, message));
    }

    /**
     * A rule on one property: {@code valid} gets {@code property.apply(value)}, which may be null.
     *
     * @param path     the violation's path, usually the property's name
     * @param property reads the property from the value
     * @param valid    {@code true} when the property is valid
     * @param message  the violation's message
     * @param <T>      the validated type
     * @param <P>      the property's type
     * @return the schema
     * @throws NullPointerException if an argument is null
     */
    static <T, P> ValidationSchema<T> field(String path, Function<? super T, ? extends P> property,
            Predicate<? super P> valid, String message) {
        Objects.requireNonNull(property, "property");
        return rule(path, value -> valid.test(property.apply(value)), message);
    }
}
