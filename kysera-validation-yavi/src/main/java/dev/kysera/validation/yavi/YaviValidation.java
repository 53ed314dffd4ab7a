package dev.kysera.validation.yavi;

import am.ik.yavi.core.ConstraintViolation;
import am.ik.yavi.core.ConstraintViolations;
import am.ik.yavi.core.Validatable;
import dev.kysera.core.error.ValidationFailedException.Violation;
import dev.kysera.repository.validation.ValidationSchema;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Adapts a Yavi validator to {@link ValidationSchema}: type-safe, reflection-free constraints built
 * with {@code ValidatorBuilder} become repository validation.
 *
 * <pre>{@code
 * Validator<NewUser> validator = ValidatorBuilder.<NewUser>of()
 *         .constraint(NewUser::name, "name", c -> c.notBlank())
 *         .constraint(NewUser::email, "email", c -> c.notBlank().email())
 *         .build();
 * ValidationSchema<NewUser> schema = YaviValidation.schema(validator);
 * }</pre>
 *
 * <p>Each Yavi {@link ConstraintViolation} becomes a {@link Violation} with the violation's
 * {@link ConstraintViolation#name() name} as path ({@code email}, {@code address.zip},
 * {@code items[2].qty} for nested and per-element constraints) and its
 * {@link ConstraintViolation#message() message}. Violations keep Yavi's order, which follows the
 * order the constraints were declared in. A {@code null} value is reported as one violation at the
 * empty path instead of being handed to the validator.
 */
public final class YaviValidation {

    /** The message for a {@code null} value. */
    static final String NULL_MESSAGE = "must not be null";

    private YaviValidation() {
    }

    /**
     * A schema that validates with {@code validator}, formatting messages in the JVM's default
     * locale.
     *
     * @param validator a Yavi validator, typically {@code ValidatorBuilder.of(...)...build()}; Yavi
     *                  validators are immutable and thread-safe
     * @param <T>       the validated type
     * @return a thread-safe schema that reports Yavi's violations in declaration order
     * @throws NullPointerException if {@code validator} is null
     */
    public static <T> ValidationSchema<T> schema(Validatable<T> validator) {
        Objects.requireNonNull(validator, "validator");
        return value -> value == null ? nullValue() : convert(validator.validate(value));
    }

    /**
     * A schema that validates with {@code validator}, formatting messages in {@code locale}
     * whatever the JVM's default locale is: use it when messages go to users of one language.
     *
     * @param validator a Yavi validator; Yavi validators are immutable and thread-safe
     * @param locale    the locale Yavi's message formatter uses for every violation message
     * @param <T>       the validated type
     * @return a thread-safe schema that reports Yavi's violations in declaration order
     * @throws NullPointerException if {@code validator} or {@code locale} is null
     */
    public static <T> ValidationSchema<T> schema(Validatable<T> validator, Locale locale) {
        Objects.requireNonNull(validator, "validator");
        Objects.requireNonNull(locale, "locale");
        return value -> value == null ? nullValue() : convert(validator.validate(value, locale));
    }

    private static List<Violation> nullValue() {
        return List.of(new Violation("", NULL_MESSAGE));
    }

    private static List<Violation> convert(ConstraintViolations violations) {
        if (violations.isValid()) {
            return List.of();
        }
        return violations.stream()
                .map(v -> new Violation(Objects.requireNonNullElse(v.name(), ""), Objects.requireNonNullElse(v.message(), "")))
                .toList();
    }
}
