package dev.kysera.core.page;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How cursors are protected. Immutable; build with {@link #builder()} or the shortcuts.
 *
 * <ul>
 *   <li>{@link Protection#NONE}: the cursor carries a CRC-32, so accidental corruption is caught,
 *       but a client can forge a cursor for any key values (it can never reach rows the query
 *       would not return anyway, since the seek predicate is ANDed to the query's own WHERE).</li>
 *   <li>{@link Protection#SIGNED}: HMAC-SHA256 over the whole cursor with a key derived from the
 *       secret; the tag is checked in constant time ({@code MessageDigest.isEqual}). The key
 *       values remain readable to whoever base64-decodes the cursor.</li>
 *   <li>{@link Protection#ENCRYPTED}: AES-256-GCM with a random 12-byte IV and a key derived from
 *       the secret under a distinct label; the header is authenticated as associated data and
 *       GCM's 128-bit tag authenticates everything, so no separate signature is added.</li>
 * </ul>
 * A cursor made under one protection is rejected under another (the protection is part of the
 * authenticated header), so turning signing on invalidates outstanding unsigned cursors. To rotate
 * the secret without breaking cursors already handed out, configure the new {@code secret} and keep
 * the old one as a {@link Builder#previousSecret(byte[]) previous secret} for a while.
 */
public final class CursorOptions {

    /** The protection applied to cursors. */
    public enum Protection {
        /** Integrity checksum only; see the class comment. */
        NONE,
        /** HMAC-SHA256 signature. */
        SIGNED,
        /** AES-256-GCM authenticated encryption. */
        ENCRYPTED
    }

    /** Minimum secret length in bytes. */
    public static final int MIN_SECRET_BYTES = 32;
    /** Default maximum accepted cursor length, in characters. */
    public static final int DEFAULT_MAX_LENGTH = 4096;

    private static final CursorOptions PLAIN = builder().build();

    private final Protection protection;
    private final byte[] secret;
    private final List<byte[]> previousSecrets;
    private final int maxLength;

    private CursorOptions(Builder builder) {
        this.protection = builder.protection;
        this.secret = builder.secret == null ? null : builder.secret.clone();
        this.previousSecrets = builder.previousSecrets.stream().map(byte[]::clone).toList();
        this.maxLength = builder.maxLength;
    }

    /**
     * Unprotected cursors (checksum only).
     *
     * @return the shared options without protection
     */
    public static CursorOptions plain() {
        return PLAIN;
    }

    /**
     * HMAC-signed cursors.
     *
     * @param secret the signing secret, at least {@value #MIN_SECRET_BYTES} bytes; copied, not null
     * @return the options
     * @throws NullPointerException if {@code secret} is null
     * @throws IllegalArgumentException if the secret is shorter than 32 bytes
     */
    public static CursorOptions signed(byte[] secret) {
        return builder().protection(Protection.SIGNED).secret(secret).build();
    }

    /**
     * Encrypted (and thereby authenticated) cursors.
     *
     * @param secret the secret the encryption key is derived from, at least {@value #MIN_SECRET_BYTES}
     *        bytes; copied, not null
     * @return the options
     * @throws NullPointerException if {@code secret} is null
     * @throws IllegalArgumentException if the secret is shorter than 32 bytes
     */
    public static CursorOptions encrypted(byte[] secret) {
        return builder().protection(Protection.ENCRYPTED).secret(secret).build();
    }

    /**
     * A new builder: no protection, no secret, maximum length 4096.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The protection applied to new cursors and required of incoming ones.
     *
     * @return the protection
     */
    public Protection protection() {
        return protection;
    }

    /**
     * A copy of the secret; empty when there is no protection.
     *
     * @return a fresh copy, never null
     */
    public byte[] secret() {
        return secret == null ? new byte[0] : secret.clone();
    }

    /**
     * Copies of the retired secrets still accepted when decoding (never used to encode), newest
     * first; empty unless configured.
     *
     * @return fresh copies, in an unmodifiable list
     */
    public List<byte[]> previousSecrets() {
        return previousSecrets.stream().map(byte[]::clone).toList();
    }

    /**
     * Longest cursor string accepted; longer ones are rejected before decoding.
     *
     * @return the maximum length in characters
     */
    public int maxLength() {
        return maxLength;
    }

    @Override
    public String toString() {
        return "CursorOptions[protection=" + protection + ", maxLength=" + maxLength + "]";
    }

    /** Builder for {@link CursorOptions}; not thread-safe. */
    public static final class Builder {
        private Protection protection = Protection.NONE;
        private byte[] secret;
        private final List<byte[]> previousSecrets = new ArrayList<>();
        private int maxLength = DEFAULT_MAX_LENGTH;

        private Builder() {
        }

        /**
         * The protection; SIGNED and ENCRYPTED need a {@link #secret(byte[])}.
         *
         * @param value the protection, not null
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder protection(Protection value) {
            this.protection = Objects.requireNonNull(value, "protection");
            return this;
        }

        /**
         * The secret (at least 32 bytes, ideally 32 random bytes, checked by {@link #build()}); copied.
         *
         * @param value the secret, not null
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder secret(byte[] value) {
            this.secret = Objects.requireNonNull(value, "secret").clone();
            return this;
        }

        /**
         * The secret as UTF-8 text (at least 32 bytes once encoded, checked by {@link #build()}).
         *
         * @param value the secret, not null
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder secret(String value) {
            return secret(Objects.requireNonNull(value, "secret").getBytes(StandardCharsets.UTF_8));
        }

        /**
         * Adds a retired secret that is still accepted when decoding, so cursors handed out before a
         * secret rotation keep working until they age out; new cursors always use {@link #secret}.
         * Each must be at least 32 bytes (checked by {@link #build()}).
         *
         * @param value the retired secret; copied, not null
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder previousSecret(byte[] value) {
            this.previousSecrets.add(Objects.requireNonNull(value, "previousSecret").clone());
            return this;
        }

        /**
         * Longest cursor accepted, in characters, between 64 and 65,536.
         *
         * @param value the maximum length
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is outside 64..65,536
         */
        public Builder maxLength(int value) {
            if (value < 64 || value > 65_536) {
                throw new IllegalArgumentException("maxLength must be between 64 and 65536");
            }
            this.maxLength = value;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the immutable options
         * @throws IllegalArgumentException if SIGNED or ENCRYPTED lacks a secret of at least 32 bytes,
         *                                  a previous secret is shorter than that, or NONE is given a
         *                                  secret (a likely configuration mistake)
         */
        public CursorOptions build() {
            if (protection == Protection.NONE) {
                if (secret != null || !previousSecrets.isEmpty()) {
                    throw new IllegalArgumentException("a cursor secret was given but protection is NONE");
                }
            } else if (secret == null || secret.length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException(
                        "cursor secret must be at least " + MIN_SECRET_BYTES + " bytes for " + protection);
            }
            for (byte[] previous : previousSecrets) {
                if (previous.length < MIN_SECRET_BYTES) {
                    throw new IllegalArgumentException("previous cursor secrets must be at least " + MIN_SECRET_BYTES + " bytes");
                }
            }
            return new CursorOptions(this);
        }
    }
}
