package dev.kysera.spring;

import java.util.Optional;
import org.springframework.security.core.Authentication;

/**
 * Decides whether an authenticated user may act for the tenant a request names in the header of
 * {@code kysera.rls.tenant-header}, and what the tenant's id is (e.g. a number). A header is
 * chosen by the client, so it is never trusted alone: with a tenant header configured and no bean
 * of this type, the application fails to start.
 */
@FunctionalInterface
public interface TenantAccess {

    /**
     * The tenant id to put in the RLS context, or empty when {@code user} may not act for
     * {@code requestedTenant} (the request is then refused with 403).
     *
     * @param user            the request's authenticated user
     * @param requestedTenant the tenant named by the request's header
     * @return the tenant's id as the RLS policies compare it, or empty to refuse
     */
    Optional<Object> tenantFor(Authentication user, String requestedTenant);
}
