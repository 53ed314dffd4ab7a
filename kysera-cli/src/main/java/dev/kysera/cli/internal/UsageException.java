package dev.kysera.cli.internal;

/** The arguments are valid for picocli but not for the command (for example a destructive command without {@code --yes}); exit code {@code 2}. */
final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
