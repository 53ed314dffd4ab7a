package dev.kysera.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.core.error.AccessDeniedException;
import dev.kysera.core.error.BadRequestException;
import dev.kysera.core.error.KyseraException;
import dev.kysera.core.error.NotFoundException;
import dev.kysera.core.error.ValidationFailedException;
import dev.kysera.repository.OptimisticLockException;
import dev.kysera.spring.internal.SpringErrors;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** The status of every kind of Kysera error (the database ones also run over HTTP in {@code WebTest}). */
class ProblemDetailsTest {

    private final KyseraProblemDetails handler = new KyseraProblemDetails();

    @Test
    void each_error_gets_its_status_and_code() {
        assertThat(handler.kysera(new BadRequestException("page size must be positive, was 0")).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(handler.kysera(new ValidationFailedException("email", "must be an e-mail address")).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(handler.kysera(new NotFoundException("user", 7L)).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(handler.kysera(new OptimisticLockException("users", 7L, 3)).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(handler.kysera(new AccessDeniedException("rls", "posts", "UPDATE", "tenant_check")).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(handler.kysera(new KyseraException("SOMETHING", "unexpected")).getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    }

    @Test
    void client_errors_keep_their_message_and_server_side_ones_do_not() {
        ResponseEntity<ProblemDetail> notFound = handler.kysera(new NotFoundException("user", 7L));
        assertThat(notFound.getBody().getDetail()).isEqualTo(new NotFoundException("user", 7L).getMessage());
        assertThat(notFound.getBody().getProperties()).containsEntry("code", NotFoundException.CODE);
        ResponseEntity<ProblemDetail> denied = handler.kysera(new AccessDeniedException("rls", "posts", "UPDATE", "tenant 2 of user 9"));
        assertThat(denied.getBody().getDetail()).isEqualTo("Forbidden").doesNotContain("tenant 2");
    }

    @Test
    void in_spring_mode_the_kysera_cause_decides() {
        ResponseEntity<ProblemDetail> response = handler.dataAccess(SpringErrors.toSpring(new OptimisticLockException("users", 7L, 3)));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(response.getBody().getProperties()).containsEntry("code", new OptimisticLockException("users", 7L, 3).code());
    }
}
