package dev.kysera.dal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Isolation;
import org.jooq.Readonly;
import org.jooq.TransactionProperty;

/**
 * How an outermost transaction starts: its isolation level and whether it is read-only. Both are
 * applied through jOOQ's transaction properties and really reach the database; they are never
 * silently dropped. Unset means the connection's default. Immutable.
 *
 * <pre>{@code
 * Dal.withTransaction(ctx, TransactionOptions.of(Isolation.SERIALIZABLE).readOnly(), tx -> ...);
 * }</pre>
 */
public final class TransactionOptions {

    private static final TransactionOptions DEFAULTS = new TransactionOptions(null, false);

    private final Isolation isolation;
    private final boolean readOnly;

    private TransactionOptions(Isolation isolation, boolean readOnly) {
        this.isolation = isolation;
        this.readOnly = readOnly;
    }

    /**
     * The connection's defaults: no isolation level or access mode is set.
     *
     * @return the shared default options
     */
    public static TransactionOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Options from jOOQ transaction properties: an {@link Isolation} level and/or {@link
     * Readonly#READONLY}. A later isolation level wins.
     *
     * @param properties the properties, not null and without null elements
     * @return the options
     * @throws NullPointerException if {@code properties} or one of them is null
     * @throws IllegalArgumentException for a property type this class does not know
     */
    public static TransactionOptions of(TransactionProperty... properties) {
        TransactionOptions options = DEFAULTS;
        for (TransactionProperty property : properties) {
            options = switch (Objects.requireNonNull(property, "property")) {
                case Isolation level -> options.withIsolation(level);
                case Readonly ignored -> options.readOnly();
                default -> throw new IllegalArgumentException("Unsupported transaction property: " + property);
            };
        }
        return options;
    }

    /**
     * These options with this isolation level ({@code null}: the connection's default).
     *
     * @param level the isolation level, or null
     * @return new options; these are unchanged
     */
    public TransactionOptions withIsolation(Isolation level) {
        return new TransactionOptions(level, readOnly);
    }

    /**
     * These options, read-only: writes in the transaction fail on databases that enforce it.
     *
     * @return new options; these are unchanged
     */
    public TransactionOptions readOnly() {
        return new TransactionOptions(isolation, true);
    }

    /**
     * The isolation level, if set.
     *
     * @return the level, or empty for the connection's default
     */
    public Optional<Isolation> isolation() {
        return Optional.ofNullable(isolation);
    }

    /**
     * Whether the transaction is read-only.
     *
     * @return true if read-only was asked for
     */
    public boolean isReadOnly() {
        return readOnly;
    }

    /**
     * Whether nothing is set.
     *
     * @return true if these options leave the connection's defaults alone
     */
    public boolean isDefault() {
        return isolation == null && !readOnly;
    }

    /**
     * The jOOQ transaction properties these options stand for (empty for the defaults).
     *
     * @return a new array on each call
     */
    public TransactionProperty[] properties() {
        List<TransactionProperty> properties = new ArrayList<>(2);
        if (isolation != null) {
            properties.add(isolation);
        }
        if (readOnly) {
            properties.add(Readonly.READONLY);
        }
        return properties.toArray(TransactionProperty[]::new);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransactionOptions other && other.isolation == isolation && other.readOnly == readOnly;
    }

    @Override
    public int hashCode() {
        return Objects.hash(isolation, readOnly);
    }

    @Override
    public String toString() {
        return "TransactionOptions[isolation=" + (isolation == null ? "default" : isolation) + ", readOnly=" + readOnly + "]";
    }
}
