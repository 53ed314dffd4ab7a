package dev.kysera.spring;

import dev.kysera.core.error.KyseraException;
import org.springframework.dao.UncategorizedDataAccessException;

/**
 * In Spring's error mode, a Kysera error that Spring's hierarchy has no closer class for (for
 * example a statement a fail-closed plugin could not model). The Kysera exception is the cause.
 */
public class KyseraDataAccessException extends UncategorizedDataAccessException {

    private static final long serialVersionUID = 1L;

    /**
     * Wraps {@code cause}, keeping its message.
     *
     * @param cause the Kysera exception
     */
    public KyseraDataAccessException(KyseraException cause) {
        super(cause.getMessage(), cause);
    }

    /**
     * The Kysera exception this stands for.
     *
     * @return the cause
     */
    public KyseraException kyseraException() {
        return (KyseraException) getCause();
    }
}
