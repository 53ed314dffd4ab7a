package dev.kysera.spring;

import dev.kysera.core.error.AccessDeniedException;
import dev.kysera.core.error.BadRequestException;
import dev.kysera.core.error.DatabaseException;
import dev.kysera.core.error.KyseraException;
import dev.kysera.core.error.NotFoundException;
import dev.kysera.core.error.UniqueConstraintException;
import dev.kysera.core.error.ValidationFailedException;
import dev.kysera.repository.OptimisticLockException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Opt-in ({@code kysera.web.problem-details=true}) mapping of Kysera's errors to RFC 9457 problem
 * details: bad request and validation 400, access denied 403, not found 404, optimistic lock and
 * unique violation 409, transient database errors 503, other Kysera errors 500. In Spring's error
 * mode the Kysera exception behind a {@code DataAccessException} decides. Database messages
 * (which may quote values) are not sent to clients: the body carries the error code.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
public class KyseraProblemDetails {

    /** Created by Spring Boot's auto-configuration when opted into. */
    public KyseraProblemDetails() {
    }

    /**
     * Kysera's own exceptions.
     *
     * @param error the exception a handler threw
     * @return its problem detail, with the status of {@link #status(KyseraException)}
     */
    @ExceptionHandler(KyseraException.class)
    public ResponseEntity<ProblemDetail> kysera(KyseraException error) {
        return respond(error);
    }

    /**
     * Spring's exceptions that stand for a Kysera exception (Spring error mode); others are left to Spring.
     *
     * @param error the exception a handler threw
     * @return the problem detail of the Kysera exception it stands for
     * @throws DataAccessException {@code error} itself, when no Kysera exception is its cause
     */
    @ExceptionHandler(DataAccessException.class)
    public ResponseEntity<ProblemDetail> dataAccess(DataAccessException error) throws DataAccessException {
        if (error.getCause() instanceof KyseraException kysera) {
            return respond(kysera);
        }
        throw error;
    }

    /**
     * The HTTP status for {@code error}.
     *
     * @param error a Kysera exception
     * @return 400, 403, 404, 409, 503 (transient) or 500
     */
    public static HttpStatus status(KyseraException error) {
        return switch (error) {
            case BadRequestException e -> HttpStatus.BAD_REQUEST;
            case ValidationFailedException e -> HttpStatus.BAD_REQUEST;
            case AccessDeniedException e -> HttpStatus.FORBIDDEN;
            case NotFoundException e -> HttpStatus.NOT_FOUND;
            case OptimisticLockException e -> HttpStatus.CONFLICT;
            case UniqueConstraintException e -> HttpStatus.CONFLICT;
            default -> error.isTransient() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }

    private static ResponseEntity<ProblemDetail> respond(KyseraException error) {
        HttpStatus status = status(error);
        boolean quotesData = error instanceof DatabaseException || status.is5xxServerError() || status == HttpStatus.FORBIDDEN;
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, quotesData ? status.getReasonPhrase() : error.getMessage());
        body.setProperty("code", error.code());
        return ResponseEntity.status(status).body(body);
    }
}
