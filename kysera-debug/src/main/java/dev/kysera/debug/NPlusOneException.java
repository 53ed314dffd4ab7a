package dev.kysera.debug;

import dev.kysera.core.error.KyseraException;
import java.util.Objects;

/** A statement shape ran more often than allowed inside one unit of work ({@link NPlusOneMode#THROW}). */
public class NPlusOneException extends KyseraException {

    private static final long serialVersionUID = 1L;

    /** The stable error code. */
    public static final String CODE = "N_PLUS_ONE";

    private final transient NPlusOneFinding finding;

    public NPlusOneException(NPlusOneFinding finding) {
        super(CODE, Objects.requireNonNull(finding, "finding").message());
        this.finding = finding;
    }

    /** What was found. */
    public NPlusOneFinding finding() {
        return finding;
    }
}
