package dev.kysera.cli.internal;

/** The command ran and could not do what it was asked (exit code {@code 1}), for failures that are not exceptions of a library. */
final class CommandFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CommandFailedException(String message) {
        super(message);
    }

    CommandFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
