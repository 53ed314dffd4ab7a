package dev.kysera.debug;

import dev.kysera.core.error.KyseraException;
import java.util.Objects;

/** A statement shape ran more often than allowed inside one unit of work ({@link NPlusOneMode#THROW}). */
public class NPlusOneException extends KyseraException {

    private static final long serialVersionUID = 1L;

    /** The stable error code. */
    public static final String CODE = "N_PLUS_ONE";

    /** What was found; not serialized. */
    private final transient NPlusOneFinding finding;

    /**
     * The refusal of the statement that crossed the threshold.
     *
     * @param finding what was found; its {@linkplain NPlusOneFinding#message() message} becomes this exception's
     * @throws NullPointerException if {@code finding} is null
     */
    public NPlusOneException(NPlusOneFinding finding) {
        super(CODE, Objects.requireNonNull(finding, "finding").message());
        this.finding = finding;
    }

    /**
     * What was found.
     *
     * @return the finding; null after deserialization
     */
    public NPlusOneFinding finding() {
        return finding;
    }
}
