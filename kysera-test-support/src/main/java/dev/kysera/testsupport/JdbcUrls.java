package dev.kysera.testsupport;

import java.util.regex.Pattern;

/** Small edits of JDBC URLs of the form {@code jdbc:vendor://host:port/database?parameters}. */
final class JdbcUrls {

    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern DATABASE_PATH = Pattern.compile("^(jdbc:[a-z]+://[^/?]+)(/[^?]*)?(\\?.*)?$");

    private JdbcUrls() {
    }

    static String withParameter(String url, String name, String value) {
        return url + (url.contains("?") ? "&" : "?") + name + "=" + value;
    }

    static String withDatabase(String url, String database) {
        var matcher = DATABASE_PATH.matcher(url);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Unexpected JDBC URL shape: " + redact(url));
        }
        String parameters = matcher.group(3) == null ? "" : matcher.group(3);
        return matcher.group(1) + "/" + database + parameters;
    }

    static String redact(String url) {
        return PASSWORD.matcher(url).replaceAll("$1***");
    }
}
