package dev.kysera.spring;

import dev.kysera.rls.RlsContext;
import dev.kysera.rls.RlsPlugin;
import dev.kysera.spring.internal.CurrentUser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs each request with the kysera-rls {@link RlsContext} of its authenticated user (see
 * {@link RlsPlugin#runAs}): user id = {@code Authentication.getName()}, roles = the authorities
 * without Spring's {@code ROLE_} prefix, tenant from the header or claim configured under
 * {@code kysera.rls.*}. It runs after Spring Security's filter chain, on the request's own thread
 * (a virtual thread too). Unauthenticated requests get no context, so RLS refuses their
 * statements; a tenant header the user may not act for is answered with 403 before any code runs.
 */
public final class KyseraRlsFilter extends OncePerRequestFilter {

    private final KyseraProperties.Rls options;
    private final TenantAccess tenantAccess;

    /**
     * A filter with these options.
     *
     * @param options      where the tenant comes from
     * @param tenantAccess decides header-named tenants; required when a tenant header is configured
     * @throws IllegalStateException if a tenant header is configured without a {@link TenantAccess}
     */
    public KyseraRlsFilter(KyseraProperties.Rls options, TenantAccess tenantAccess) {
        this.options = Objects.requireNonNull(options, "options");
        if (options.tenantHeader() != null && tenantAccess == null) {
            throw new IllegalStateException("kysera.rls.tenant-header is '" + options.tenantHeader() + "' but no TenantAccess bean "
                    + "decides which tenants a user may act for; a client-chosen header is never trusted alone");
        }
        this.tenantAccess = tenantAccess;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication user = CurrentUser.authenticated().orElse(null);
        if (user == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Object> tenant;
        if (options.tenantHeader() != null) {
            String requested = request.getHeader(options.tenantHeader());
            tenant = requested == null ? Optional.empty() : tenantAccess.tenantFor(user, requested);
            if (requested != null && tenant.isEmpty()) {
                response.sendError(HttpServletResponse.SC_FORBIDDEN, "Not a member of the requested tenant");
                return;
            }
        } else if (options.tenantClaim() != null && user.getPrincipal() instanceof ClaimAccessor claims) {
            tenant = Optional.ofNullable(claims.getClaims().get(options.tenantClaim()));
        } else {
            tenant = Optional.empty();
        }
        String[] roles = user.getAuthorities().stream().map(GrantedAuthority::getAuthority).filter(Objects::nonNull)
                .map(a -> a.startsWith("ROLE_") ? a.substring(5) : a).toArray(String[]::new);
        RlsContext context = RlsContext.of(user.getName(), tenant.orElse(null), roles);
        try {
            RlsPlugin.runAs(context, () -> {
                try {
                    chain.doFilter(request, response);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (ServletException e) {
                    throw new Tunnel(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (Tunnel e) {
            throw (ServletException) e.getCause();
        }
    }

    /** Carries a checked ServletException through the Runnable. */
    private static final class Tunnel extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Tunnel(ServletException cause) {
            super(cause);
        }
    }
}
