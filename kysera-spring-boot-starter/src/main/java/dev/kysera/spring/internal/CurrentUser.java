package dev.kysera.spring.internal;

import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The authenticated user of the security context on the current thread. */
public final class CurrentUser {

    private CurrentUser() {
    }

    /** The thread's authentication, unless there is none, it is not authenticated or it is Spring Security's anonymous user. */
    public static Optional<Authentication> authenticated() {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        return user == null || !user.isAuthenticated() || user instanceof AnonymousAuthenticationToken ? Optional.empty() : Optional.of(user);
    }
}
