package dev.kysera.spring.internal;

import dev.kysera.core.error.AccessDeniedException;
import dev.kysera.core.error.CheckConstraintException;
import dev.kysera.core.error.ErrorTranslator;
import dev.kysera.core.error.ForeignKeyException;
import dev.kysera.core.error.KyseraException;
import dev.kysera.core.error.NotNullException;
import dev.kysera.core.error.QueryCancelledException;
import dev.kysera.core.error.TransientDatabaseException;
import dev.kysera.core.error.UniqueConstraintException;
import dev.kysera.executor.UnsupportedStatementException;
import dev.kysera.spring.KyseraDataAccessException;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.PermissionDeniedDataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;

/**
 * Spring's error mode: every statement error, first classified by Kysera's translator (so
 * {@code isTransient()} and the constraint details are the same in both modes), becomes the
 * closest {@link DataAccessException} with the Kysera exception as its cause.
 */
public final class SpringErrors implements ExecuteListener {

    private final ErrorTranslator translator;

    public SpringErrors(ErrorTranslator translator) {
        this.translator = translator;
    }

    @Override
    public void exception(ExecuteContext ctx) {
        RuntimeException failure = ctx.exception();
        if (failure == null || failure instanceof DataAccessException) {
            return;
        }
        KyseraException kysera = failure instanceof KyseraException typed ? typed : translator.translate(failure, ctx.dialect());
        ctx.exception(toSpring(kysera));
    }

    /** The Spring exception standing for {@code kysera}, which is its cause. */
    public static DataAccessException toSpring(KyseraException kysera) {
        String message = kysera.getMessage();
        return switch (kysera) {
            case UniqueConstraintException e -> new DuplicateKeyException(message, e);
            case ForeignKeyException e -> new DataIntegrityViolationException(message, e);
            case NotNullException e -> new DataIntegrityViolationException(message, e);
            case CheckConstraintException e -> new DataIntegrityViolationException(message, e);
            case QueryCancelledException e -> new QueryTimeoutException(message, e);
            case TransientDatabaseException e -> switch (e.kind()) {
                case LOCK_TIMEOUT -> new CannotAcquireLockException(message, e);
                case SERIALIZATION_FAILURE, DEADLOCK -> new PessimisticLockingFailureException(message, e);
                case CONNECTION_LOST, DATABASE_BUSY -> new TransientDataAccessResourceException(message, e);
            };
            case AccessDeniedException e -> new PermissionDeniedDataAccessException(message, e);
            case UnsupportedStatementException e -> new InvalidDataAccessApiUsageException(message, e);
            default -> kysera.isTransient() ? new TransientDataAccessResourceException(message, kysera)
                    : new KyseraDataAccessException(kysera);
        };
    }
}
