package dev.kysera.cli.internal;

/** The configuration is missing, unreadable or invalid; exit code {@code 3}. The message names the key and where it came from. */
final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ConfigException(String message) {
        super(message);
    }

    ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
