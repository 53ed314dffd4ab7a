package dev.kysera.spring.internal;

import dev.kysera.debug.NPlusOneDetector;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes each HTTP request one unit of work of the N+1 detector (a scope named
 * {@code <method> <path>} on the request's thread), so repeated statements outside a
 * transaction are found too.
 */
public final class NPlusOneRequestScope extends OncePerRequestFilter {

    private final NPlusOneDetector detector;

    /** A filter opening scopes of {@code detector}. */
    public NPlusOneRequestScope(NPlusOneDetector detector) {
        this.detector = Objects.requireNonNull(detector, "detector");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try (NPlusOneDetector.Scope scope = detector.openScope(request.getMethod() + " " + request.getRequestURI())) {
            chain.doFilter(request, response);
        }
    }
}
