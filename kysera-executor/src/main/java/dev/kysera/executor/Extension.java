package dev.kysera.executor;

import java.util.Objects;
import java.util.function.Function;

/**
 * A typed capability a plugin adds to something of the upper layers, most often a repository:
 * for example soft delete's {@code restore(id)}. The upper layer asks the executor for the
 * extension by its {@link Key}, which carries the types, so no casts and no reflection proxies.
 *
 * @param key     what the extension is
 * @param factory builds the extension for a target (e.g. binds soft-delete operations to a repository)
 * @param <T>     what the extension attaches to
 * @param <X>     the extension's own type
 */
public record Extension<T, X>(Key<T, X> key, Function<? super T, ? extends X> factory) {

    /**
     * Validates the extension.
     *
     * @throws NullPointerException if {@code key} or {@code factory} is null
     */
    public Extension {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(factory, "factory");
    }

    /**
     * Identifies an extension and its types. Keys compare by identity: declare them as constants.
     *
     * @param <T> what the extension attaches to
     * @param <X> the extension's type
     */
    public static final class Key<T, X> {
        private final String name;

        private Key(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /**
         * Creates a new key, distinct from every other, whatever its name.
         *
         * @param <T>  what the extension attaches to
         * @param <X>  the extension's type
         * @param name the key's name, for messages
         * @return the key
         * @throws NullPointerException if {@code name} is null
         */
        public static <T, X> Key<T, X> of(String name) {
            return new Key<>(name);
        }

        /**
         * The key's name.
         *
         * @return the name given to {@link #of(String)}
         */
        public String name() {
            return name;
        }

        @Override
        public String toString() {
            return "Extension.Key[" + name + "]";
        }
    }
}
