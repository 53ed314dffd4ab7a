package dev.kysera.core.error;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Input failed validation before reaching the database; thrown by validators with every
 * violation found, not just the first.
 */
public class ValidationFailedException extends KyseraException {

    private static final long serialVersionUID = 1L;

    /** The error code of failed validation: {@value}. */
    public static final String CODE = "VALIDATION_FAILED";

    /** How many violations the message spells out; the rest are only counted. */
    private static final int MESSAGE_LIMIT = 5;

    /**
     * One failed rule.
     *
     * @param path    where, as a field path such as {@code address.zip} or {@code items[2].qty}; empty for the whole object
     * @param message what is wrong, written by the validator (it must not echo the rejected value)
     */
    public record Violation(String path, String message) implements java.io.Serializable {
        /**
         * Checks the components.
         *
         * @throws NullPointerException if {@code path} or {@code message} is null
         */
        public Violation {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String toString() {
            return path.isEmpty() ? message : path + ": " + message;
        }
    }

    /** Every violation, in the order found; never empty. */
    private final List<Violation> violations;

    /**
     * Creates the exception; the message spells out the first five violations and counts the rest.
     *
     * @param violations at least one violation; copied
     * @throws NullPointerException if the list or a violation is null
     * @throws IllegalArgumentException if the list is empty
     */
    public ValidationFailedException(List<Violation> violations) {
        this(List.copyOf(violations), 0);
    }

    /**
     * A single violation.
     *
     * @param path    where, as a field path; empty for the whole object; not null
     * @param message what is wrong, not null
     * @throws NullPointerException if an argument is null
     */
    public ValidationFailedException(String path, String message) {
        this(List.of(new Violation(path, message)));
    }

    private ValidationFailedException(List<Violation> checked, int ignored) {
        super(CODE, message(checked));
        this.violations = checked;
    }

    /**
     * All violations, in the order found.
     *
     * @return the violations, unmodifiable and never empty
     */
    public List<Violation> violations() {
        return violations;
    }

    private static String message(List<Violation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a ValidationFailedException needs at least one violation");
        }
        String shown = violations.stream().limit(MESSAGE_LIMIT).map(Violation::toString).collect(Collectors.joining("; "));
        int more = violations.size() - MESSAGE_LIMIT;
        return "Validation failed (" + violations.size() + (violations.size() == 1 ? " violation): " : " violations): ")
                + shown + (more > 0 ? "; and " + more + " more" : "");
    }
}
