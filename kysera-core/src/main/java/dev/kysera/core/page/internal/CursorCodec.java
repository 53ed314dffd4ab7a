package dev.kysera.core.page.internal;

import dev.kysera.core.error.BadRequestException;
import dev.kysera.core.page.CursorOptions;
import dev.kysera.core.page.CursorOptions.Protection;
import dev.kysera.core.page.NullOrder;
import dev.kysera.core.page.Sort;
import dev.kysera.core.page.SortKey;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encodes and decodes cursors. Not API; the format is described in the package documentation.
 *
 * <pre>
 * cursor    = base64url-without-padding( header protected )
 * header    = version(1 byte, = 1) protection(1 byte: 0 none, 1 signed, 2 encrypted)
 * protected = body crc32(header body)                       -- NONE
 *           | body hmac-sha256(macKey, header body)          -- SIGNED (32 bytes)
 *           | iv(12) aes-256-gcm(encKey, iv, aad=header, body) -- ENCRYPTED (ciphertext + 16-byte tag)
 * body      = flags(1: bit0 backward, bit1 inclusive) fingerprint(8) count(1) value*count
 * value     = tag(1) data                                    -- see TAG_* constants
 * macKey    = HMAC-SHA256(secret, "kysera-cursor-mac-v1"); encKey = HMAC-SHA256(secret, "kysera-cursor-enc-v1")
 *             (new cursors use the current secret; retired secrets are still tried when decoding)
 * fingerprint = first 8 bytes of SHA-256 over each key's name, direction and NULL placement
 * </pre>
 *
 * Every decoding failure, whatever its cause, becomes a {@link BadRequestException} with the same
 * short message, so a client learns nothing about why its cursor was refused.
 */
public final class CursorCodec {

    /** The message of every cursor rejection. */
    public static final String INVALID = "invalid pagination cursor";

    static final byte VERSION = 1;
    private static final int HEADER = 2;
    private static final int FINGERPRINT = 8;
    private static final int MAC_LENGTH = 32;
    private static final int IV_LENGTH = 12;
    private static final int GCM_TAG_BITS = 128;

    private static final byte TAG_NULL = 0;
    private static final byte TAG_LONG = 1;
    private static final byte TAG_INTEGER = 2;
    private static final byte TAG_SHORT = 3;
    private static final byte TAG_BYTE = 4;
    private static final byte TAG_STRING = 5;
    private static final byte TAG_BIG_DECIMAL = 6;
    private static final byte TAG_BIG_INTEGER = 7;
    private static final byte TAG_DOUBLE = 8;
    private static final byte TAG_FLOAT = 9;
    private static final byte TAG_BOOLEAN = 10;
    private static final byte TAG_UUID = 11;
    private static final byte TAG_LOCAL_DATE = 12;
    private static final byte TAG_LOCAL_TIME = 13;
    private static final byte TAG_LOCAL_DATE_TIME = 14;
    private static final byte TAG_OFFSET_DATE_TIME = 15;
    private static final byte TAG_INSTANT = 16;

    private static final Map<Class<?>, Byte> TAGS = Map.ofEntries(
            Map.entry(Long.class, TAG_LONG), Map.entry(Integer.class, TAG_INTEGER), Map.entry(Short.class, TAG_SHORT),
            Map.entry(Byte.class, TAG_BYTE), Map.entry(String.class, TAG_STRING),
            Map.entry(BigDecimal.class, TAG_BIG_DECIMAL), Map.entry(BigInteger.class, TAG_BIG_INTEGER),
            Map.entry(Double.class, TAG_DOUBLE), Map.entry(Float.class, TAG_FLOAT),
            Map.entry(Boolean.class, TAG_BOOLEAN), Map.entry(UUID.class, TAG_UUID),
            Map.entry(LocalDate.class, TAG_LOCAL_DATE), Map.entry(LocalTime.class, TAG_LOCAL_TIME),
            Map.entry(LocalDateTime.class, TAG_LOCAL_DATE_TIME),
            Map.entry(OffsetDateTime.class, TAG_OFFSET_DATE_TIME), Map.entry(Instant.class, TAG_INSTANT));

    /** Largest BigDecimal scale accepted from a cursor (keeps hostile scales out of the database). */
    private static final int MAX_SCALE = 1000;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Protection protection;
    private final int maxLength;
    /** Derived keys, current secret first, then the previous secrets still accepted for decoding. */
    private final List<SecretKeySpec> secretKeys;

    public CursorCodec(CursorOptions options) {
        this.protection = options.protection();
        this.maxLength = options.maxLength();
        List<byte[]> secrets = new ArrayList<>();
        if (protection != Protection.NONE) {
            secrets.add(options.secret());
            secrets.addAll(options.previousSecrets());
        }
        List<SecretKeySpec> derived = new ArrayList<>();
        try {
            for (byte[] secret : secrets) {
                SecretKeySpec master = new SecretKeySpec(secret, "HmacSHA256");
                derived.add(protection == Protection.SIGNED
                        ? new SecretKeySpec(hmac(master, label("mac")), "HmacSHA256")
                        : new SecretKeySpec(hmac(master, label("enc")), "AES"));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        } finally {
            secrets.forEach(secret -> Arrays.fill(secret, (byte) 0));
        }
        this.secretKeys = List.copyOf(derived);
    }

    /** Whether a value of this Java type can travel in a cursor. */
    public static boolean supports(Class<?> type) {
        return TAGS.containsKey(type);
    }

    private static byte[] label(String purpose) {
        return ("kysera-cursor-" + purpose + "-v1").getBytes(StandardCharsets.US_ASCII);
    }

    /** The 8-byte identity of a sort: key names, directions and NULL placements. */
    public static byte[] fingerprint(Sort sort) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (SortKey<?> key : sort.keys()) {
                byte[] name = key.name().getBytes(StandardCharsets.UTF_8);
                digest.update(ByteBuffer.allocate(4).putInt(name.length).array());
                digest.update(name);
                digest.update((byte) key.direction().ordinal());
                digest.update((byte) key.nulls().ordinal());
            }
            return Arrays.copyOf(digest.digest(), FINGERPRINT);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    // ------------------------------------------------------------------------------------------
    // encoding
    // ------------------------------------------------------------------------------------------

    /**
     * Encodes a cursor for the sort.
     *
     * @throws IllegalStateException if a value's type cannot be carried, a NOT_NULL key holds NULL,
     *                               or the cursor would be longer than the configured maximum
     */
    public String encode(Sort sort, Cursor cursor) {
        List<SortKey<?>> keys = sort.keys();
        if (cursor.values().size() != keys.size()) {
            throw new IllegalArgumentException("cursor has " + cursor.values().size() + " values for " + keys.size() + " keys");
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(64);
        body.write((cursor.backward() ? 1 : 0) | (cursor.inclusive() ? 2 : 0));
        body.writeBytes(fingerprint(sort));
        body.write(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            Object value = cursor.values().get(i);
            if (value == null && keys.get(i).nulls() == NullOrder.NOT_NULL) {
                throw new IllegalStateException("sort key '" + keys.get(i).name()
                        + "' is declared NOT_NULL but a fetched row holds NULL");
            }
            writeValue(body, keys.get(i).name(), value);
        }
        byte[] header = {VERSION, (byte) protection.ordinal()};
        byte[] bytes;
        try {
            bytes = switch (protection) {
                case NONE -> concat(header, body.toByteArray(), crc(header, body.toByteArray()));
                case SIGNED -> concat(header, body.toByteArray(), mac(secretKeys.getFirst(), header, body.toByteArray()));
                case ENCRYPTED -> encrypt(header, body.toByteArray());
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cursor protection failed", e);
        }
        String text = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        if (text.length() > maxLength) {
            throw new IllegalStateException("a cursor for these sort key values would be " + text.length()
                    + " characters, above the configured maximum of " + maxLength);
        }
        return text;
    }

    private static void writeValue(ByteArrayOutputStream out, String keyName, Object value) {
        if (value == null) {
            out.write(TAG_NULL);
            return;
        }
        Byte tag = TAGS.get(value.getClass());
        if (tag == null) {
            throw new IllegalStateException("sort key '" + keyName + "' holds a " + value.getClass().getName()
                    + ", which a cursor cannot carry");
        }
        out.write(tag);
        ByteBuffer buffer = ByteBuffer.allocate(24);
        switch (value) {
            case Long v -> buffer.putLong(v);
            case Integer v -> buffer.putInt(v);
            case Short v -> buffer.putShort(v);
            case Byte v -> buffer.put(v);
            case Double v -> buffer.putLong(Double.doubleToRawLongBits(v));
            case Float v -> buffer.putInt(Float.floatToRawIntBits(v));
            case Boolean v -> buffer.put((byte) (v ? 1 : 0));
            case UUID v -> buffer.putLong(v.getMostSignificantBits()).putLong(v.getLeastSignificantBits());
            case LocalDate v -> buffer.putLong(v.toEpochDay());
            case LocalTime v -> buffer.putLong(v.toNanoOfDay());
            case LocalDateTime v -> buffer.putLong(v.toLocalDate().toEpochDay()).putLong(v.toLocalTime().toNanoOfDay());
            case OffsetDateTime v -> buffer.putLong(v.toEpochSecond()).putInt(v.getNano())
                    .putInt(v.getOffset().getTotalSeconds());
            case Instant v -> buffer.putLong(v.getEpochSecond()).putInt(v.getNano());
            case String v -> writeBytes(out, utf8(keyName, v));
            case BigInteger v -> writeBytes(out, v.toByteArray());
            case BigDecimal v -> {
                buffer.putInt(v.scale());
                out.write(buffer.array(), 0, buffer.position());
                buffer.clear();
                writeBytes(out, v.unscaledValue().toByteArray());
            }
            default -> throw new IllegalStateException("unreachable: " + value.getClass());
        }
        out.write(buffer.array(), 0, buffer.position());
    }

    private static byte[] utf8(String keyName, String value) {
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(value));
            return Arrays.copyOfRange(encoded.array(), encoded.position(), encoded.limit());
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("sort key '" + keyName + "' holds a string that is not valid Unicode", e);
        }
    }

    private static void writeBytes(ByteArrayOutputStream out, byte[] bytes) {
        if (bytes.length > 0xFFFF) {
            throw new IllegalStateException("a sort key value is too long for a cursor");
        }
        out.write(bytes.length >>> 8);
        out.write(bytes.length & 0xFF);
        out.writeBytes(bytes);
    }

    // ------------------------------------------------------------------------------------------
    // decoding
    // ------------------------------------------------------------------------------------------

    /**
     * Decodes and checks a cursor made for this sort under these options.
     *
     * @throws BadRequestException ("invalid pagination cursor") for anything that is not an intact
     *                             cursor of this sort: malformed, truncated, over-long, tampered,
     *                             wrongly signed, encrypted under another key, made under another
     *                             protection, for another sort, or with values of the wrong type
     */
    public Cursor decode(Sort sort, String text) {
        if (text == null || text.isEmpty() || text.length() > maxLength) {
            throw invalid();
        }
        try {
            return decodeChecked(sort, text);
        } catch (BadRequestException e) {
            throw e;
        } catch (RuntimeException | GeneralSecurityException | CharacterCodingException e) {
            throw invalid();
        }
    }

    private Cursor decodeChecked(Sort sort, String text) throws GeneralSecurityException, CharacterCodingException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                throw invalid();
            }
        }
        byte[] bytes = Base64.getUrlDecoder().decode(text);
        // Only the canonical spelling is accepted, so no two strings decode to the same cursor.
        if (!Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(text)) {
            throw invalid();
        }
        if (bytes.length < HEADER || bytes[0] != VERSION || bytes[1] != (byte) protection.ordinal()) {
            throw invalid();
        }
        byte[] header = Arrays.copyOf(bytes, HEADER);
        byte[] body = switch (protection) {
            case NONE -> {
                if (bytes.length < HEADER + 4) {
                    throw invalid();
                }
                byte[] candidate = Arrays.copyOfRange(bytes, HEADER, bytes.length - 4);
                byte[] check = Arrays.copyOfRange(bytes, bytes.length - 4, bytes.length);
                if (!MessageDigest.isEqual(check, crc(header, candidate))) {
                    throw invalid();
                }
                yield candidate;
            }
            case SIGNED -> {
                if (bytes.length < HEADER + MAC_LENGTH) {
                    throw invalid();
                }
                byte[] candidate = Arrays.copyOfRange(bytes, HEADER, bytes.length - MAC_LENGTH);
                byte[] tag = Arrays.copyOfRange(bytes, bytes.length - MAC_LENGTH, bytes.length);
                boolean verified = false;
                for (SecretKeySpec key : secretKeys) {
                    verified |= MessageDigest.isEqual(tag, mac(key, header, candidate));
                }
                if (!verified) {
                    throw invalid();
                }
                yield candidate;
            }
            case ENCRYPTED -> decrypt(header, bytes);
        };
        return parseBody(sort, ByteBuffer.wrap(body));
    }

    private static Cursor parseBody(Sort sort, ByteBuffer in) throws CharacterCodingException {
        int flags = in.get() & 0xFF;
        if ((flags & ~3) != 0) {
            throw invalid();
        }
        byte[] fingerprint = new byte[FINGERPRINT];
        in.get(fingerprint);
        if (!MessageDigest.isEqual(fingerprint, fingerprint(sort))) {
            throw invalid();
        }
        List<SortKey<?>> keys = sort.keys();
        if ((in.get() & 0xFF) != keys.size()) {
            throw invalid();
        }
        List<Object> values = new ArrayList<>(keys.size());
        for (SortKey<?> key : keys) {
            Object value = readValue(in);
            Class<?> type = key.field().getType();
            if (value == null ? key.nulls() == NullOrder.NOT_NULL : type != Object.class && type != value.getClass()) {
                throw invalid();
            }
            values.add(value);
        }
        if (in.hasRemaining()) {
            throw invalid();
        }
        return new Cursor((flags & 1) != 0, (flags & 2) != 0, values);
    }

    private static Object readValue(ByteBuffer in) throws CharacterCodingException {
        byte tag = in.get();
        return switch (tag) {
            case TAG_NULL -> null;
            case TAG_LONG -> in.getLong();
            case TAG_INTEGER -> in.getInt();
            case TAG_SHORT -> in.getShort();
            case TAG_BYTE -> in.get();
            case TAG_DOUBLE -> Double.longBitsToDouble(in.getLong());
            case TAG_FLOAT -> Float.intBitsToFloat(in.getInt());
            case TAG_BOOLEAN -> switch (in.get()) {
                case 0 -> Boolean.FALSE;
                case 1 -> Boolean.TRUE;
                default -> throw invalid();
            };
            case TAG_UUID -> new UUID(in.getLong(), in.getLong());
            case TAG_LOCAL_DATE -> LocalDate.ofEpochDay(in.getLong());
            case TAG_LOCAL_TIME -> LocalTime.ofNanoOfDay(in.getLong());
            case TAG_LOCAL_DATE_TIME -> LocalDateTime.of(LocalDate.ofEpochDay(in.getLong()), LocalTime.ofNanoOfDay(in.getLong()));
            case TAG_OFFSET_DATE_TIME -> {
                long seconds = in.getLong();
                int nanos = in.getInt();
                ZoneOffset offset = ZoneOffset.ofTotalSeconds(in.getInt());
                yield OffsetDateTime.ofInstant(instant(seconds, nanos), offset);
            }
            case TAG_INSTANT -> instant(in.getLong(), in.getInt());
            case TAG_STRING -> StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(readBytes(in)))
                    .toString();
            case TAG_BIG_INTEGER -> new BigInteger(nonEmpty(readBytes(in)));
            case TAG_BIG_DECIMAL -> {
                int scale = in.getInt();
                if (Math.abs((long) scale) > MAX_SCALE) {
                    throw invalid();
                }
                yield new BigDecimal(new BigInteger(nonEmpty(readBytes(in))), scale);
            }
            default -> throw invalid();
        };
    }

    private static Instant instant(long seconds, int nanos) {
        if (nanos < 0 || nanos > 999_999_999) {
            throw invalid();
        }
        return Instant.ofEpochSecond(seconds, nanos);
    }

    private static byte[] nonEmpty(byte[] bytes) {
        if (bytes.length == 0) {
            throw invalid();
        }
        return bytes;
    }

    private static byte[] readBytes(ByteBuffer in) {
        int length = ((in.get() & 0xFF) << 8) | (in.get() & 0xFF);
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    // ------------------------------------------------------------------------------------------
    // protection
    // ------------------------------------------------------------------------------------------

    private static byte[] crc(byte[] header, byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(header);
        crc.update(body);
        return ByteBuffer.allocate(4).putInt((int) crc.getValue()).array();
    }

    private static byte[] mac(SecretKeySpec key, byte[] header, byte[] body) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(key);
        mac.update(header);
        return mac.doFinal(body);
    }

    private static byte[] hmac(SecretKeySpec key, byte[] message) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(key);
        return mac.doFinal(message);
    }

    private byte[] encrypt(byte[] header, byte[] body) throws GeneralSecurityException {
        byte[] iv = new byte[IV_LENGTH];
        RANDOM.nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, secretKeys.getFirst(), new GCMParameterSpec(GCM_TAG_BITS, iv));
        cipher.updateAAD(header);
        return concat(header, iv, cipher.doFinal(body));
    }

    private byte[] decrypt(byte[] header, byte[] bytes) throws GeneralSecurityException {
        if (bytes.length < HEADER + IV_LENGTH + GCM_TAG_BITS / 8) {
            throw invalid();
        }
        for (SecretKeySpec key : secretKeys) {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(GCM_TAG_BITS, bytes, HEADER, IV_LENGTH));
            cipher.updateAAD(header);
            try {
                return cipher.doFinal(bytes, HEADER + IV_LENGTH, bytes.length - HEADER - IV_LENGTH);
            } catch (javax.crypto.AEADBadTagException wrongKeyOrTampered) {
                // try the next (older) key
            }
        }
        throw invalid();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static BadRequestException invalid() {
        return new BadRequestException(INVALID);
    }
}
