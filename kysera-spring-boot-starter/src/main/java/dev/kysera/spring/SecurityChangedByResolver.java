package dev.kysera.spring;

import dev.kysera.executor.PluginContext;
import dev.kysera.spring.internal.CurrentUser;
import java.util.Optional;
import org.springframework.security.core.Authentication;

/**
 * The {@link ChangedByResolver} the starter registers when Spring Security is present:
 * {@code Authentication.getName()} of the security context on the statement's thread. No
 * authentication, an unauthenticated one and Spring Security's anonymous user store no one
 * ({@code changed_by} NULL), so an anonymous change is never attributed to a made-up name.
 */
public final class SecurityChangedByResolver implements ChangedByResolver {

    /** The resolver; it holds no state. */
    public SecurityChangedByResolver() {
    }

    @Override
    public Optional<String> changedBy(PluginContext context) {
        return CurrentUser.authenticated().map(Authentication::getName);
    }
}
