package dev.kysera.cli.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** Removes credentials from text before it is printed: URL passwords, {@code user:password@} and known secret values. */
final class Secrets {

    static final String MASK = "***";
    /** Shorter secrets are still masked in URLs, but not searched for in free text (they would mask ordinary words). */
    private static final int MIN_LITERAL = 3;
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)((?:password|passwd|pwd|sslpassword)=)[^&;\\s]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@\\s]*:)[^@/\\s]*@");

    private final List<String> literals = new ArrayList<>();

    /** Registers a secret value that must never appear in output. */
    void add(String secret) {
        if (secret != null && secret.length() >= MIN_LITERAL && !literals.contains(secret)) {
            literals.add(secret);
            literals.sort((a, b) -> b.length() - a.length());
        }
    }

    String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = URL_PASSWORD.matcher(text).replaceAll("$1" + MASK);
        masked = USER_INFO.matcher(masked).replaceAll("$1" + MASK + "@");
        for (String literal : literals) {
            masked = masked.replace(literal, MASK);
        }
        return masked;
    }

    static String maskUrl(String url) {
        Objects.requireNonNull(url, "url");
        return new Secrets().mask(url);
    }
}
