package dev.kysera.testing.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Edits of server JDBC URLs ({@code jdbc:vendor://host[:port][/database][?parameters]}). */
final class JdbcUrl {

    private static final Pattern SECRET = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern SERVER = Pattern.compile("(jdbc:[a-z0-9]+://[^/?]+)(?:/[^?]*)?(\\?.*)?");

    private JdbcUrl() {
    }

    /** The URL with its password parameter masked, for messages. */
    static String redact(String url) {
        return SECRET.matcher(url).replaceAll("$1***");
    }

    static String addParameter(String url, String name, String value) {
        return url + (url.indexOf('?') >= 0 ? '&' : '?') + name + '=' + value;
    }

    /** The URL pointing at {@code database} instead of the database it names, parameters kept. */
    static String withDatabase(String url, String database) {
        Matcher matcher = SERVER.matcher(url);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a jdbc:vendor://host/database URL: " + redact(url));
        }
        return matcher.group(1) + '/' + database + (matcher.group(2) == null ? "" : matcher.group(2));
    }
}
