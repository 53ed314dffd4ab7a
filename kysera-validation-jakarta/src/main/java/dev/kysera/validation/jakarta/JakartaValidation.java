package dev.kysera.validation.jakarta;

import dev.kysera.core.error.ValidationFailedException.Violation;
import dev.kysera.repository.validation.ValidationSchema;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.Objects;
import java.util.Set;

/**
 * Adapts Jakarta Validation 3.1 (Bean Validation) to {@link ValidationSchema}: the constraint
 * annotations on a record or bean become repository validation.
 *
 * <pre>{@code
 * record NewUser(@NotBlank String name, @Email @NotBlank String email) {}
 *
 * ValidationSchema<NewUser> schema = JakartaValidation.schema(validator);
 * schema.validate(new NewUser("", "nope"));   // ValidationFailedException: email: must be a well-formed email address; name: must not be blank
 * }</pre>
 *
 * <p>Each {@link jakarta.validation.ConstraintViolation} becomes a {@link Violation} whose path is
 * the property path in the usual dotted form ({@code address.zip}, {@code items[2].qty},
 * {@code tags[1]} for a constraint on a list element; empty for a class-level constraint on the
 * validated object) and whose message is the provider's interpolated message. Jakarta Validation
 * reports violations as an unordered set, so they are sorted by path, then message, to keep
 * output stable.
 *
 * <p>Misconfigured constraints (for example {@code @Email} on an {@code int}) are programming
 * errors: the provider's {@link jakarta.validation.ValidationException} subclasses propagate
 * unchanged when the value is validated. A {@code null} value is reported as one violation at
 * the empty path, never passed to the validator (which would throw).
 */
public final class JakartaValidation {

    /** The message for a {@code null} value. */
    static final String NULL_MESSAGE = "must not be null";

    private static final Comparator<Violation> ORDER =
            Comparator.comparing(Violation::path).thenComparing(Violation::message);

    private static volatile Validator defaultValidator;

    private static final ReentrantLock DEFAULT_LOCK = new ReentrantLock();

    private JakartaValidation() {
    }

    /**
     * A schema that validates with {@code validator} in the given groups (the
     * {@link jakarta.validation.groups.Default} group when none are given).
     *
     * @param validator a thread-safe validator, for example {@code factory.getValidator()}
     * @param groups    the validation groups to check; none means the default group
     * @param <T>       the validated type
     * @return a thread-safe schema; the groups are copied, so later changes to the array do not
     *         affect it
     * @throws NullPointerException if {@code validator}, {@code groups} or one of the groups is null
     */
    public static <T> ValidationSchema<T> schema(Validator validator, Class<?>... groups) {
        Objects.requireNonNull(validator, "validator");
        Objects.requireNonNull(groups, "groups");
        Class<?>[] checked = groups.clone();
        for (Class<?> group : checked) {
            Objects.requireNonNull(group, "groups must not contain null");
        }
        return value -> violations(validator, value, checked);
    }

    /**
     * A schema that validates the default group with {@link #defaultValidator()}.
     *
     * @param <T> the validated type
     * @return a thread-safe schema backed by the shared default validator
     * @throws IllegalStateException if no Jakarta Validation provider can be started (see
     *                               {@link #defaultValidator()})
     */
    public static <T> ValidationSchema<T> schema() {
        return schema(defaultValidator());
    }

    /**
     * The validator of one shared default {@link ValidatorFactory}, built on first use with
     * {@link Validation#buildDefaultValidatorFactory()} and then reused by every caller.
     *
     * <p>It needs a provider on the class path, such as Hibernate Validator 9
     * ({@code org.hibernate.validator:hibernate-validator}) plus an Expression Language
     * implementation for message interpolation ({@code org.glassfish.expressly:expressly}).
     * The shared factory is never closed: it lives as long as this class is loaded, which is what
     * an application normally wants. When you need to control its lifecycle (a container that
     * redeploys, a custom message interpolator, a clock provider), build your own factory,
     * pass {@code factory.getValidator()} to {@link #schema(Validator, Class[])} and close the
     * factory yourself when the application stops.
     *
     * @return the shared, thread-safe validator; the same instance on every call once built
     * @throws IllegalStateException if no provider is found or it cannot start (for example
     *                               because no Expression Language implementation is present); a
     *                               later call tries again
     */
    public static Validator defaultValidator() {
        Validator validator = defaultValidator;
        if (validator == null) {
            // A lock, not synchronized: building the factory scans the class path (I/O), and a
            // virtual thread blocked in synchronized would pin its carrier.
            DEFAULT_LOCK.lock();
            try {
                validator = defaultValidator;
                if (validator == null) {
                    ValidatorFactory factory;
                    try {
                        factory = Validation.buildDefaultValidatorFactory();
                    } catch (jakarta.validation.ValidationException e) {
                        throw new IllegalStateException("No Jakarta Validation provider could be started. Put one on "
                                + "the class path, such as org.hibernate.validator:hibernate-validator 9.x together with "
                                + "an Expression Language implementation (org.glassfish.expressly:expressly), or pass "
                                + "your own Validator to JakartaValidation.schema(validator). Cause: " + e.getMessage(), e);
                    }
                    validator = factory.getValidator();
                    defaultValidator = validator;
                }
            } finally {
                DEFAULT_LOCK.unlock();
            }
        }
        return validator;
    }

    private static <T> List<Violation> violations(Validator validator, T value, Class<?>[] groups) {
        if (value == null) {
            return List.of(new Violation("", NULL_MESSAGE));
        }
        Set<ConstraintViolation<T>> found = validator.validate(value, groups);
        if (found.isEmpty()) {
            return List.of();
        }
        return found.stream()
                .map(v -> new Violation(path(v.getPropertyPath()), Objects.requireNonNullElse(v.getMessage(), "")))
                .sorted(ORDER)
                .toList();
    }

    /**
     * Renders a property path as {@code a.b[2].c}: property names joined with dots, the index or
     * key of an element of a list, array or map in brackets. Container-element placeholders that
     * providers put in paths ({@code <list element>}, {@code <iterable element>},
     * {@code <map value>}) are left out, so a constraint on the third element of {@code tags}
     * reads {@code tags[2]}; {@code <map key>} is kept to tell key violations from value ones.
     */
    static String path(Path path) {
        StringBuilder out = new StringBuilder();
        for (Path.Node node : path) {
            if (node.isInIterable()) {
                out.append('[');
                if (node.getIndex() != null) {
                    out.append(node.getIndex());
                } else if (node.getKey() != null) {
                    out.append(node.getKey());
                }
                out.append(']');
            }
            String name = node.getName();
            if (name == null || name.isEmpty() || isPlaceholder(node, name)) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append('.');
            }
            out.append(name);
        }
        return out.toString();
    }

    private static boolean isPlaceholder(Path.Node node, String name) {
        return node.getKind() == ElementKind.CONTAINER_ELEMENT
                && name.startsWith("<") && name.endsWith(">") && !name.equals("<map key>");
    }
}
