package dev.kysera.core.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.error.BadRequestException;
import dev.kysera.core.page.internal.Cursor;
import dev.kysera.core.page.internal.CursorCodec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** Codec properties: exact round trips of every supported type, and every damaged cursor refused. */
class CursorCodecPropertiesTest {

    private static final List<CursorOptions> PROTECTIONS = List.of(CursorOptions.plain(),
            CursorOptions.signed(CursorCodecTest.SECRET), CursorOptions.encrypted(CursorCodecTest.SECRET));

    @Provide
    Arbitrary<Object> values() {
        return Arbitraries.oneOf(List.of(
                Arbitraries.just(null),
                Arbitraries.longs(), Arbitraries.integers(), Arbitraries.shorts(), Arbitraries.bytes(),
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().all().ofMaxLength(20).filter(s -> s.codePoints().allMatch(Character::isValidCodePoint)
                        && !hasLoneSurrogate(s)),
                Combinators.combine(Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30)),
                        Arbitraries.integers().between(-20, 20)).as(BigDecimal::new),
                Arbitraries.bigIntegers().between(BigInteger.TWO.pow(100).negate(), BigInteger.TWO.pow(100)),
                Arbitraries.doubles(), Arbitraries.floats(), Arbitraries.of(true, false),
                Arbitraries.create(UUID::randomUUID),
                Arbitraries.longs().between(-365_000, 365_000).map(LocalDate::ofEpochDay),
                Arbitraries.longs().between(0, 86_399_999_999_999L).map(LocalTime::ofNanoOfDay),
                Combinators.combine(Arbitraries.longs().between(-365_000, 365_000), Arbitraries.longs().between(0, 86_399_999_999_999L))
                        .as((d, t) -> LocalDateTime.of(LocalDate.ofEpochDay(d), LocalTime.ofNanoOfDay(t))),
                Combinators.combine(Arbitraries.longs().between(-10_000_000_000L, 10_000_000_000L),
                        Arbitraries.integers().between(0, 999_999_999), Arbitraries.integers().between(-18 * 3600, 18 * 3600))
                        .as((s, n, o) -> OffsetDateTime.ofInstant(Instant.ofEpochSecond(s, n), ZoneOffset.ofTotalSeconds(o))),
                Combinators.combine(Arbitraries.longs().between(-10_000_000_000L, 10_000_000_000L),
                        Arbitraries.integers().between(0, 999_999_999)).as(Instant::ofEpochSecond)));
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static Sort untypedSort(int keys) {
        List<SortKey<?>> list = new ArrayList<>();
        for (int i = 0; i < keys; i++) {
            Field<Object> field = DSL.field(DSL.name("k" + i));
            list.add(i % 2 == 0 ? SortKey.asc(field) : SortKey.desc(field).nullsLast());
        }
        return new Sort(list);
    }

    @Property(tries = 300)
    void every_value_round_trips_exactly(@ForAll("values") Object a, @ForAll("values") Object b, @ForAll boolean backward,
            @ForAll boolean inclusive, @ForAll @IntRange(min = 0, max = 2) int protection) {
        List<Object> values = new ArrayList<>();
        values.add(a);
        values.add(b);
        Cursor cursor = new Cursor(backward, inclusive, values);
        Sort sort = untypedSort(2);
        CursorCodec codec = new CursorCodec(PROTECTIONS.get(protection));
        Cursor decoded = codec.decode(sort, codec.encode(sort, cursor));
        assertThat(decoded).isEqualTo(cursor);
        // exact: same classes and, for BigDecimal, same scale (equals already checks it)
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) != null) {
                assertThat(decoded.values().get(i)).isExactlyInstanceOf(values.get(i).getClass());
            }
        }
    }

    @Property(tries = 300)
    void flipping_any_bit_of_the_bytes_is_refused(@ForAll("values") Object a, @ForAll @IntRange(min = 0, max = 2) int protection,
            @ForAll @IntRange(min = 0, max = 10_000) int position, @ForAll @IntRange(min = 0, max = 7) int bit) {
        Sort sort = untypedSort(1);
        List<Object> values = new ArrayList<>();
        values.add(a);
        CursorCodec codec = new CursorCodec(PROTECTIONS.get(protection));
        byte[] bytes = Base64.getUrlDecoder().decode(codec.encode(sort, new Cursor(false, false, values)));
        bytes[position % bytes.length] ^= (byte) (1 << bit);
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        assertThatThrownBy(() -> codec.decode(sort, tampered)).isExactlyInstanceOf(BadRequestException.class)
                .hasMessage("invalid pagination cursor");
    }

    @Property(tries = 300)
    void replacing_any_character_is_refused(@ForAll("values") Object a, @ForAll @IntRange(min = 0, max = 2) int protection,
            @ForAll @IntRange(min = 0, max = 10_000) int position, @ForAll char replacement) {
        Sort sort = untypedSort(1);
        List<Object> values = new ArrayList<>();
        values.add(a);
        CursorCodec codec = new CursorCodec(PROTECTIONS.get(protection));
        String text = codec.encode(sort, new Cursor(false, false, values));
        int at = position % text.length();
        if (text.charAt(at) == replacement) {
            return;
        }
        String tampered = text.substring(0, at) + replacement + text.substring(at + 1);
        assertThatThrownBy(() -> codec.decode(sort, tampered)).isExactlyInstanceOf(BadRequestException.class);
    }

    @Property(tries = 300)
    void truncating_at_any_position_is_refused(@ForAll("values") Object a, @ForAll("values") Object b,
            @ForAll @IntRange(min = 0, max = 2) int protection, @ForAll @IntRange(min = 0, max = 10_000) int position,
            @ForAll boolean atByteLevel) {
        Sort sort = untypedSort(2);
        List<Object> values = new ArrayList<>();
        values.add(a);
        values.add(b);
        CursorCodec codec = new CursorCodec(PROTECTIONS.get(protection));
        String text = codec.encode(sort, new Cursor(false, false, values));
        String truncated;
        if (atByteLevel) {
            byte[] bytes = Base64.getUrlDecoder().decode(text);
            int length = position % bytes.length;
            truncated = Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(bytes, length));
        } else {
            truncated = text.substring(0, position % text.length());
        }
        assertThatThrownBy(() -> codec.decode(sort, truncated)).isExactlyInstanceOf(BadRequestException.class);
    }

    @Property(tries = 500)
    void arbitrary_strings_and_bytes_are_bad_requests_never_other_exceptions(@ForAll String garbage,
            @ForAll byte[] bytes, @ForAll @IntRange(min = 0, max = 2) int protection) {
        Sort sort = untypedSort(2);
        CursorCodec codec = new CursorCodec(PROTECTIONS.get(protection));
        for (String candidate : List.of(garbage, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
                Base64.getUrlEncoder().withoutPadding().encodeToString(prefixed(bytes, protection)))) {
            if (candidate.isEmpty()) {
                continue;
            }
            try {
                codec.decode(sort, candidate);
                // a random plain cursor could in principle pass the CRC; then it must be a well-formed cursor
                assertThat(protection).isZero();
            } catch (BadRequestException expected) {
                assertThat(expected).hasMessage("invalid pagination cursor");
            }
        }
    }

    /** Random bytes behind a valid header, to get past the first checks. */
    private static byte[] prefixed(byte[] bytes, int protection) {
        byte[] out = new byte[bytes.length + 2];
        out[0] = 1;
        out[1] = (byte) protection;
        System.arraycopy(bytes, 0, out, 2, bytes.length);
        return out;
    }
}
