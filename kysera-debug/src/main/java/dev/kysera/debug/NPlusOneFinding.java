package dev.kysera.debug;

import java.util.Objects;

/**
 * One statement shape that ran repeatedly with different bind values inside one unit of work.
 *
 * @param unit          the unit of work: {@code transaction <id>} or {@code scope <name>}
 * @param shape         the normalised SQL
 * @param executions    how often the shape ran in the unit (when reported)
 * @param distinctBinds how many different bind-value lists it ran with (counted up to the threshold + 1)
 */
public record NPlusOneFinding(String unit, String shape, int executions, int distinctBinds) {

    /**
     * Validates the finding.
     *
     * @throws NullPointerException if {@code unit} or {@code shape} is null
     */
    public NPlusOneFinding {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(shape, "shape");
    }

    /**
     * A one-line description, e.g. {@code N+1 in transaction 3: select … ran 12 times with different binds}.
     *
     * @return the message
     */
    public String message() {
        return "N+1 in " + unit + ": " + shape + " ran " + executions + " times with different binds";
    }
}
