package dev.kysera.core.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.error.BadRequestException;
import dev.kysera.core.page.internal.Cursor;
import dev.kysera.core.page.internal.CursorCodec;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;

class CursorCodecTest {

    static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static final byte[] OTHER_SECRET = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);

    static final Field<Integer> SCORE = DSL.field(DSL.name("score"), SQLDataType.INTEGER);
    static final Field<LocalDateTime> CREATED = DSL.field(DSL.name("created_at"), SQLDataType.LOCALDATETIME);
    static final Field<Long> ID = DSL.field(DSL.name("id"), SQLDataType.BIGINT);
    static final Field<String> PRICE = DSL.field(DSL.name("price"), SQLDataType.VARCHAR);

    static final Sort SORT = Sort.by(SortKey.desc(SCORE), SortKey.asc(CREATED), SortKey.asc(ID).notNull());
    static final Cursor CURSOR = new Cursor(false, false, List.of(100, LocalDateTime.of(2024, 1, 1, 0, 0), 7L));

    static CursorCodec codec(CursorOptions options) {
        return new CursorCodec(options);
    }

    @Test
    void round_trips_under_every_protection() {
        for (CursorOptions options : List.of(CursorOptions.plain(), CursorOptions.signed(SECRET), CursorOptions.encrypted(SECRET))) {
            CursorCodec codec = codec(options);
            String text = codec.encode(SORT, CURSOR);
            assertThat(text).matches("[A-Za-z0-9_-]+");
            assertThat(codec.decode(SORT, text)).isEqualTo(CURSOR);
        }
    }

    @Test
    void garbage_and_non_base64_are_bad_requests_with_a_short_message() {
        CursorCodec codec = codec(CursorOptions.plain());
        for (String garbage : List.of("invalid-cursor-not-base64!!!", "not valid json", "====", "a", "aGVsbG8=",
                Base64.getUrlEncoder().withoutPadding().encodeToString("not valid json".getBytes(StandardCharsets.UTF_8)),
                "\u00e9\u00e9\u00e9", " " + codec.encode(SORT, CURSOR))) {
            assertThatThrownBy(() -> codec.decode(SORT, garbage))
                    .as(garbage)
                    .isExactlyInstanceOf(BadRequestException.class)
                    .hasMessage("invalid pagination cursor")
                    .hasNoCause();
        }
    }

    @Test
    void over_long_cursors_are_refused_before_decoding() {
        CursorCodec codec = codec(CursorOptions.builder().maxLength(100).build());
        assertThatThrownBy(() -> codec.decode(SORT, "A".repeat(101))).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> codec.decode(SORT, "A".repeat(1_000_000))).isInstanceOf(BadRequestException.class);
        // and a value that would make the cursor too long is refused when encoding, not silently truncated
        Sort byPrice = Sort.by(SortKey.asc(PRICE));
        assertThatThrownBy(() -> codec.encode(byPrice, new Cursor(false, false, List.of("x".repeat(200)))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("maximum");
    }

    @Test
    void a_cursor_for_another_sort_is_foreign() {
        CursorCodec codec = codec(CursorOptions.plain());
        Sort scoreOnly = Sort.by(SortKey.desc(SCORE));
        String scoreCursor = codec.encode(scoreOnly, new Cursor(false, false, List.of(100)));
        // missing keys
        assertThatThrownBy(() -> codec.decode(SORT, scoreCursor)).isInstanceOf(BadRequestException.class);
        // other key name
        Sort priceOnly = Sort.by(SortKey.desc(SCORE.as("price")).named("price"));
        assertThatThrownBy(() -> codec.decode(priceOnly, scoreCursor)).isInstanceOf(BadRequestException.class);
        // same names, other direction
        assertThatThrownBy(() -> codec.decode(Sort.by(SortKey.asc(SCORE)), scoreCursor)).isInstanceOf(BadRequestException.class);
        // same names and direction, other NULL placement
        assertThatThrownBy(() -> codec.decode(Sort.by(SortKey.desc(SCORE).nullsLast()), scoreCursor))
                .isInstanceOf(BadRequestException.class);
        // same sort: accepted
        assertThat(codec.decode(scoreOnly, scoreCursor).values()).containsExactly(100);
    }

    @Test
    void a_value_of_another_type_than_the_key_is_refused() {
        CursorCodec codec = codec(CursorOptions.plain());
        Field<Object> untyped = DSL.field(DSL.name("score"));
        Sort untypedSort = Sort.by(SortKey.desc(untyped));
        String stringCursor = codec.encode(untypedSort, new Cursor(false, false, List.of("100")));
        assertThat(codec.decode(untypedSort, stringCursor).values()).containsExactly("100");
        assertThatThrownBy(() -> codec.decode(Sort.by(SortKey.desc(SCORE)), stringCursor))
                .isInstanceOf(BadRequestException.class);
    }

    @Test
    void null_values_travel_but_not_in_not_null_keys() {
        CursorCodec codec = codec(CursorOptions.plain());
        Sort nullable = Sort.by(SortKey.asc(SCORE), SortKey.asc(ID));
        Cursor withNull = new Cursor(true, true, Arrays.asList(null, 3L));
        assertThat(codec.decode(nullable, codec.encode(nullable, withNull))).isEqualTo(withNull);

        assertThatThrownBy(() -> codec.encode(SORT, new Cursor(false, false, Arrays.asList(1, null, null))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("NOT_NULL");
    }

    @Test
    void protection_mismatches_are_refused_both_ways() {
        String plain = codec(CursorOptions.plain()).encode(SORT, CURSOR);
        String signed = codec(CursorOptions.signed(SECRET)).encode(SORT, CURSOR);
        String encrypted = codec(CursorOptions.encrypted(SECRET)).encode(SORT, CURSOR);

        assertThatThrownBy(() -> codec(CursorOptions.signed(SECRET)).decode(SORT, plain)).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> codec(CursorOptions.plain()).decode(SORT, signed)).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> codec(CursorOptions.encrypted(SECRET)).decode(SORT, signed)).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> codec(CursorOptions.signed(SECRET)).decode(SORT, encrypted)).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> codec(CursorOptions.plain()).decode(SORT, encrypted)).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> codec(CursorOptions.encrypted(SECRET)).decode(SORT, plain)).isInstanceOf(BadRequestException.class);
    }

    @Test
    void another_secret_is_refused() {
        String signed = codec(CursorOptions.signed(SECRET)).encode(SORT, CURSOR);
        String encrypted = codec(CursorOptions.encrypted(SECRET)).encode(SORT, CURSOR);
        assertThatThrownBy(() -> codec(CursorOptions.signed(OTHER_SECRET)).decode(SORT, signed)).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> codec(CursorOptions.encrypted(OTHER_SECRET)).decode(SORT, encrypted))
                .isInstanceOf(BadRequestException.class);
    }

    @Test
    void short_secrets_fail_at_configuration_time() {
        byte[] short31 = Arrays.copyOf(SECRET, 31);
        assertThatThrownBy(() -> CursorOptions.signed(short31)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CursorOptions.encrypted(short31)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CursorOptions.builder().protection(CursorOptions.Protection.SIGNED).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CursorOptions.builder().secret(SECRET).build())
                .as("a secret without protection is a likely mistake")
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(CursorOptions.signed(Arrays.copyOf(SECRET, 32)).protection()).isEqualTo(CursorOptions.Protection.SIGNED);
    }

    @Test
    void the_options_keep_their_own_copy_of_the_secret() {
        byte[] secret = SECRET.clone();
        CursorOptions options = CursorOptions.signed(secret);
        String before = codec(options).encode(SORT, CURSOR);
        Arrays.fill(secret, (byte) 0);
        assertThat(codec(options).decode(SORT, before)).isEqualTo(CURSOR);
        assertThat(options.toString()).doesNotContain(new String(SECRET, StandardCharsets.US_ASCII));
    }

    @Test
    void encryption_uses_a_fresh_iv_and_hides_the_values() {
        CursorCodec codec = codec(CursorOptions.encrypted(SECRET));
        Sort byPrice = Sort.by(SortKey.asc(PRICE));
        Cursor secretValue = new Cursor(false, false, List.of("très-secret ✓ 名前"));
        String first = codec.encode(byPrice, secretValue);
        String second = codec.encode(byPrice, secretValue);
        assertThat(first).isNotEqualTo(second);
        assertThat(codec.decode(byPrice, first)).isEqualTo(secretValue);
        assertThat(codec.decode(byPrice, second)).isEqualTo(secretValue);
        String decoded = new String(Base64.getUrlDecoder().decode(first), StandardCharsets.ISO_8859_1);
        // whole words only: any two-byte string turns up in random ciphertext now and then
        assertThat(decoded).doesNotContain(new String("très-secret".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1))
                .doesNotContain("secret");
        // signed cursors, by contrast, are readable (documented)
        String signed = codec(CursorOptions.signed(SECRET)).encode(byPrice, new Cursor(false, false, List.of("visible")));
        assertThat(new String(Base64.getUrlDecoder().decode(signed), StandardCharsets.ISO_8859_1)).contains("visible");
    }

    @Test
    void non_canonical_base64_spellings_are_refused() {
        CursorCodec codec = codec(CursorOptions.signed(SECRET));
        String text = codec.encode(SORT, CURSOR);
        List<String> variants = new ArrayList<>();
        variants.add(text + "=");
        variants.add(text + "==");
        // change only the unused low bits of the last character, which a lenient decoder ignores
        char last = text.charAt(text.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int index = alphabet.indexOf(last);
        int unusedBits = switch (Base64.getUrlDecoder().decode(text).length % 3) {
            case 1 -> 4;
            case 2 -> 2;
            default -> 0;
        };
        if (unusedBits > 0) {
            variants.add(text.substring(0, text.length() - 1) + alphabet.charAt(index ^ 1));
        }
        for (String variant : variants) {
            assertThatThrownBy(() -> codec.decode(SORT, variant)).as(variant).isInstanceOf(BadRequestException.class);
        }
    }

    @Test
    void every_supported_type_has_a_tag_and_unsupported_key_types_fail_fast() {
        Field<byte[]> blob = DSL.field(DSL.name("b"), SQLDataType.BLOB);
        assertThatThrownBy(() -> SortKey.asc(blob)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot carry");
        Field<BigDecimal> amount = DSL.field(DSL.name("amount"), SQLDataType.DECIMAL(10, 2));
        assertThat(SortKey.asc(amount).nulls()).isEqualTo(NullOrder.NULLS_LAST);
        assertThat(SortKey.desc(amount).nulls()).isEqualTo(NullOrder.NULLS_FIRST);
        assertThatThrownBy(() -> Sort.by(SortKey.asc(ID), SortKey.desc(ID))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duplicate");
        assertThatThrownBy(() -> Sort.by()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sort_fields_convert_with_their_null_ordering() {
        Sort sort = Sort.of(List.of(SCORE.desc(), CREATED.asc().nullsFirst(), ID.asc()));
        assertThat(sort.keys()).extracting(SortKey::direction).containsExactly(SortDirection.DESC, SortDirection.ASC, SortDirection.ASC);
        assertThat(sort.keys()).extracting(SortKey::nulls)
                .containsExactly(NullOrder.NULLS_FIRST, NullOrder.NULLS_FIRST, NullOrder.NULLS_LAST);
        assertThat(sort.reversed().keys()).extracting(SortKey::nulls)
                .containsExactly(NullOrder.NULLS_LAST, NullOrder.NULLS_LAST, NullOrder.NULLS_FIRST);
    }

    @Test
    void rotated_secrets_keep_old_cursors_valid_but_sign_new_ones_with_the_current_secret() {
        for (CursorOptions.Protection protection : List.of(CursorOptions.Protection.SIGNED, CursorOptions.Protection.ENCRYPTED)) {
            CursorCodec old = codec(CursorOptions.builder().protection(protection).secret(SECRET).build());
            CursorCodec rotated = codec(CursorOptions.builder().protection(protection).secret(OTHER_SECRET).previousSecret(SECRET).build());
            CursorCodec fresh = codec(CursorOptions.builder().protection(protection).secret(OTHER_SECRET).build());
            String before = old.encode(SORT, CURSOR);
            assertThat(rotated.decode(SORT, before)).as(protection.name()).isEqualTo(CURSOR);
            assertThatThrownBy(() -> fresh.decode(SORT, before)).isInstanceOf(BadRequestException.class);
            String after = rotated.encode(SORT, CURSOR);
            assertThat(fresh.decode(SORT, after)).isEqualTo(CURSOR);
            assertThatThrownBy(() -> old.decode(SORT, after)).as("new cursors use the current secret").isInstanceOf(BadRequestException.class);
        }
        assertThatThrownBy(() -> CursorOptions.builder().protection(CursorOptions.Protection.SIGNED).secret(SECRET)
                .previousSecret(new byte[8]).build()).isInstanceOf(IllegalArgumentException.class);
    }
}
