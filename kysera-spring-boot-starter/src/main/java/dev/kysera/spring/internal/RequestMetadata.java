package dev.kysera.spring.internal;

import dev.kysera.executor.PluginContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Audit metadata from the servlet request bound to the statement's thread (Spring MVC binds it
 * for the whole request): chosen headers, the client's address, method and path. Outside a
 * request there is nothing to store.
 *
 * @param headers       header names to store
 * @param remoteAddress whether to store the client's address
 * @param request       whether to store method and path
 */
public record RequestMetadata(List<String> headers, boolean remoteAddress, boolean request) implements Function<PluginContext, Map<String, ?>> {

    /** Copies the header names. */
    public RequestMetadata {
        headers = List.copyOf(headers);
    }

    @Override
    public Map<String, ?> apply(PluginContext context) {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return Map.of();
        }
        HttpServletRequest http = attributes.getRequest();
        Map<String, Object> values = new LinkedHashMap<>();
        if (request) {
            values.put("http.request.method", http.getMethod());
            values.put("url.path", http.getRequestURI());
        }
        if (remoteAddress) {
            values.put("client.address", http.getRemoteAddr());
        }
        for (String header : headers) {
            String value = http.getHeader(header);
            if (value != null) {
                values.put("http.request.header." + header.toLowerCase(Locale.ROOT), value);
            }
        }
        return values;
    }
}
