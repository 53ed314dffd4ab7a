package dev.kysera.core.error;

import java.util.Objects;
import java.util.Optional;

/**
 * A required entity does not exist, e.g. a repository's {@code findByIdOrThrow}. Not a database
 * error: the query succeeded and found nothing. The key appears in the message, so pass an
 * identifier, never a secret.
 */
public class NotFoundException extends KyseraException {

    private static final long serialVersionUID = 1L;

    /** The error code of a missing entity: {@value}. */
    public static final String CODE = "NOT_FOUND";

    /** What was looked for. */
    private final String entity;
    private final transient Object key;

    /**
     * Creates the exception; the message is {@code "<entity> not found: <key>"}.
     *
     * @param entity what was looked for, e.g. a table or type name; not null
     * @param key    the identifying key that matched nothing (an id, a composite-key record), or {@code null};
     *               it is not serialized
     * @throws NullPointerException if {@code entity} is null
     */
    public NotFoundException(String entity, Object key) {
        super(CODE, Objects.requireNonNull(entity, "entity") + " not found" + (key == null ? "" : ": " + key));
        this.entity = entity;
        this.key = key;
    }

    /**
     * Creates the exception without a key.
     *
     * @param entity what was looked for, e.g. a table or type name; not null
     * @throws NullPointerException if {@code entity} is null
     */
    public NotFoundException(String entity) {
        this(entity, null);
    }

    /**
     * What was looked for.
     *
     * @return the entity name, never null
     */
    public String entity() {
        return entity;
    }

    /**
     * The key that matched nothing, if one was given (always empty after Java deserialization).
     *
     * @return the key, or empty
     */
    public Optional<Object> key() {
        return Optional.ofNullable(key);
    }
}
