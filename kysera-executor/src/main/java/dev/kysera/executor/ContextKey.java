package dev.kysera.executor;

import java.util.Objects;

/**
 * A typed key for a context attribute (current user, tenant, a flag such as "include deleted")
 * that plugins read when a statement renders. Keys compare by identity, so two plugins can both
 * name a key {@code "tenant"} without clashing: hold keys in constants.
 *
 * @param <T> the attribute's type
 */
public final class ContextKey<T> {

    private final String name;
    private final Class<T> type;

    private ContextKey(String name, Class<T> type) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
    }

    /**
     * Creates a new key; each call gives a distinct key, whatever its name.
     *
     * @param <T>  the attribute's type
     * @param name the key's name, for messages
     * @param type the attribute's type, checked when a value is read
     * @return the key
     * @throws NullPointerException if {@code name} or {@code type} is null
     */
    public static <T> ContextKey<T> of(String name, Class<T> type) {
        return new ContextKey<>(name, type);
    }

    /**
     * The key's name, for messages.
     *
     * @return the name given to {@link #of}
     */
    public String name() {
        return name;
    }

    /**
     * The type of the key's values.
     *
     * @return the type given to {@link #of}
     */
    public Class<T> type() {
        return type;
    }

    /**
     * Casts a stored value to this key's type.
     *
     * @param value the stored value, or {@code null}
     * @return the value as a {@code T}
     * @throws ClassCastException if the value is not a {@code T}
     */
    public T cast(Object value) {
        return type.cast(value);
    }

    @Override
    public String toString() {
        return "ContextKey[" + name + ": " + type.getSimpleName() + "]";
    }
}
