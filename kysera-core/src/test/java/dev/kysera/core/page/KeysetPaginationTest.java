package dev.kysera.core.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.error.BadRequestException;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

class KeysetPaginationTest {

    static final Table<?> PRODUCTS = DSL.table(DSL.name("products"));
    static final Field<Long> ID = DSL.field(DSL.name("products", "id"), SQLDataType.BIGINT);
    static final Field<String> NAME = DSL.field(DSL.name("products", "name"), SQLDataType.VARCHAR(10));
    static final Field<Integer> SCORE = DSL.field(DSL.name("products", "score"), SQLDataType.INTEGER);
    static final Field<LocalDateTime> CREATED = DSL.field(DSL.name("products", "created_at"), SQLDataType.LOCALDATETIME);
    static final Field<Integer> RATING = DSL.field(DSL.name("products", "rating"), SQLDataType.INTEGER);

    static final byte[] SECRET = CursorCodecTest.SECRET;

    private static final ConcurrentMap<String, Boolean> CREATED_IN = new ConcurrentHashMap<>();

    /**
     * Ten products A..J. score/created_at as in the original's mixed-direction test; rating is
     * nullable with NULLs and duplicates.
     */
    static DSLContext products(TestDatabase db) {
        CREATED_IN.computeIfAbsent(db.isolationName(), name -> {
            DSLContext dsl = db.dsl();
            dsl.createTable(PRODUCTS)
                    .column("id", SQLDataType.BIGINT.notNull())
                    .column("name", SQLDataType.VARCHAR(10).notNull())
                    .column("score", SQLDataType.INTEGER.notNull())
                    .column("created_at", SQLDataType.LOCALDATETIME(0).notNull())
                    .column("rating", SQLDataType.INTEGER.null_())
                    .primaryKey(DSL.name("id"))
                    .execute();
            Object[][] rows = {
                    {"A", 100, 1, 3}, {"B", 100, 2, null}, {"C", 100, 3, 5}, {"D", 90, 1, 3}, {"E", 90, 2, null},
                    {"F", 80, 1, 1}, {"G", 80, 2, 5}, {"H", 70, 1, null}, {"I", 70, 2, 3}, {"J", 60, 1, 1}};
            var insert = dsl.insertInto(PRODUCTS, ID, NAME, SCORE, CREATED, RATING);
            for (int i = rows.length - 1; i >= 0; i--) {
                Object[] r = rows[i];
                insert = insert.values((long) i + 1, (String) r[0], (Integer) r[1],
                        LocalDateTime.of(2024, 1, (Integer) r[2], 0, 0), (Integer) r[3]);
            }
            insert.execute();
            return true;
        });
        return db.dsl();
    }

    static Select<Record> all(DSLContext dsl) {
        return dsl.select(List.<Field<?>>of(ID, NAME, SCORE, CREATED, RATING)).from(PRODUCTS);
    }

    record Walk(List<List<String>> forward, List<List<String>> backward) {
    }

    /** Pages forward to the end, then backward from the last page to the start. Checks flags and cursors. */
    static Walk walk(Paginator paginator, DSLContext dsl, Select<? extends Record> query, Sort sort, int size) {
        List<List<String>> forward = new ArrayList<>();
        CursorPage<String> page = paginator.keyset(dsl, query, sort, KeysetRequest.first(size), r -> r.get(NAME));
        assertThat(page.hasPrevious()).isFalse();
        assertThat(page.previousCursor()).isEmpty();
        forward.add(page.content());
        while (page.hasNext()) {
            assertThat(forward).as("runaway paging").hasSizeLessThan(100);
            page = paginator.keyset(dsl, query, sort, KeysetRequest.of(size, page.nextCursor().orElseThrow()), r -> r.get(NAME));
            assertThat(page.hasPrevious()).isTrue();
            forward.add(page.content());
        }
        assertThat(page.nextCursor()).isEmpty();

        List<List<String>> backward = new ArrayList<>();
        while (page.hasPrevious()) {
            assertThat(backward).as("runaway paging").hasSizeLessThan(100);
            page = paginator.keyset(dsl, query, sort, KeysetRequest.of(size, page.previousCursor().orElseThrow()), r -> r.get(NAME));
            assertThat(page.hasNext()).isTrue();
            assertThat(page.nextCursor()).isPresent();
            backward.addFirst(page.content());
        }
        return new Walk(forward, backward);
    }

    @MatrixTest
    void a_full_scan_visits_every_row_once(TestDatabase db) {
        DSLContext dsl = products(db);
        Walk walk = walk(Paginator.defaults(), dsl, all(dsl), Sort.by(SortKey.asc(ID).notNull()), 3);
        assertThat(walk.forward()).containsExactly(
                List.of("A", "B", "C"), List.of("D", "E", "F"), List.of("G", "H", "I"), List.of("J"));
        assertThat(walk.backward()).containsExactly(List.of("A", "B", "C"), List.of("D", "E", "F"), List.of("G", "H", "I"));
    }

    @MatrixTest
    void mixed_directions_give_the_exact_pages(TestDatabase db) {
        DSLContext dsl = products(db);
        Paginator paginator = Paginator.defaults();

        Walk scoreDesc = walk(paginator, dsl, all(dsl),
                Sort.by(SortKey.desc(SCORE).notNull(), SortKey.asc(CREATED).notNull(), SortKey.asc(ID).notNull()), 3);
        assertThat(scoreDesc.forward()).containsExactly(
                List.of("A", "B", "C"), List.of("D", "E", "F"), List.of("G", "H", "I"), List.of("J"));
        assertThat(scoreDesc.backward()).containsExactly(List.of("A", "B", "C"), List.of("D", "E", "F"), List.of("G", "H", "I"));

        // the same order with default (nullable) keys: NULL-aware predicates, same pages
        Walk nullable = walk(paginator, dsl, all(dsl), Sort.by(SortKey.desc(SCORE), SortKey.asc(CREATED), SortKey.asc(ID)), 3);
        assertThat(nullable).isEqualTo(scoreDesc);

        Walk scoreAsc = walk(paginator, dsl, all(dsl), Sort.by(SortKey.asc(SCORE), SortKey.desc(CREATED), SortKey.asc(ID).notNull()), 3);
        assertThat(scoreAsc.forward()).containsExactly(
                List.of("J", "I", "H"), List.of("G", "F", "E"), List.of("D", "C", "B"), List.of("A"));
        assertThat(scoreAsc.backward()).containsExactly(List.of("J", "I", "H"), List.of("G", "F", "E"), List.of("D", "C", "B"));

        Walk three = walk(paginator, dsl, all(dsl),
                Sort.by(SortKey.desc(CREATED).notNull(), SortKey.asc(SCORE).notNull(), SortKey.desc(ID).notNull()), 3);
        assertThat(three.forward()).containsExactly(
                List.of("C", "I", "G"), List.of("E", "B", "J"), List.of("H", "F", "D"), List.of("A"));

        // all keys descending and NOT NULL: the row-value comparison path
        Walk rowValue = walk(paginator, dsl, all(dsl), Sort.by(SortKey.desc(SCORE).notNull(), SortKey.desc(ID).notNull()), 4);
        assertThat(rowValue.forward()).containsExactly(
                List.of("C", "B", "A", "E"), List.of("D", "G", "F", "I"), List.of("H", "J"));
        assertThat(rowValue.backward()).containsExactly(List.of("C", "B", "A", "E"), List.of("D", "G", "F", "I"));
    }

    @MatrixTest
    void nulls_are_placed_explicitly_and_paged_in_both_directions(TestDatabase db) {
        DSLContext dsl = products(db);
        Paginator paginator = Paginator.defaults();
        // ratings: A3 B- C5 D3 E- F1 G5 H- I3 J1
        record Case(SortKey<Integer> key, List<String> expected) {
        }
        List<Case> cases = List.of(
                new Case(SortKey.asc(RATING), List.of("F", "J", "A", "D", "I", "C", "G", "B", "E", "H")),
                new Case(SortKey.asc(RATING).nullsFirst(), List.of("B", "E", "H", "F", "J", "A", "D", "I", "C", "G")),
                new Case(SortKey.desc(RATING), List.of("B", "E", "H", "C", "G", "A", "D", "I", "F", "J")),
                new Case(SortKey.desc(RATING).nullsLast(), List.of("C", "G", "A", "D", "I", "F", "J", "B", "E", "H")));
        for (Case c : cases) {
            for (int size : new int[] {1, 2, 3, 4}) {
                Walk walk = walk(paginator, dsl, all(dsl), Sort.by(c.key(), SortKey.asc(ID).notNull()), size);
                assertThat(walk.forward().stream().flatMap(List::stream).toList()).as(c + " size " + size).isEqualTo(c.expected());
                List<String> backwardRows = new ArrayList<>(walk.backward().stream().flatMap(List::stream).toList());
                backwardRows.addAll(walk.forward().getLast());
                assertThat(backwardRows).as(c + " backwards, size " + size).isEqualTo(c.expected());
            }
        }
    }

    @MatrixTest
    void the_previous_cursor_pages_backwards_in_display_order(TestDatabase db) {
        DSLContext dsl = products(db);
        Paginator paginator = Paginator.defaults();
        Sort sort = Sort.by(SortKey.desc(SCORE), SortKey.asc(CREATED), SortKey.asc(ID));
        CursorPage<String> first = paginator.keyset(dsl, all(dsl), sort, KeysetRequest.first(3), r -> r.get(NAME));
        assertThat(first.hasPrevious()).isFalse();
        assertThat(first.previousCursor()).isEmpty();
        assertThat(first.hasNext()).isTrue();

        CursorPage<String> second = paginator.keyset(dsl, all(dsl), sort, KeysetRequest.of(3, first.nextCursor().get()), r -> r.get(NAME));
        assertThat(second.content()).containsExactly("D", "E", "F");
        assertThat(second.hasPrevious()).isTrue();
        assertThat(second.previousCursor()).isPresent();

        CursorPage<String> back = paginator.keyset(dsl, all(dsl), sort, KeysetRequest.of(3, second.previousCursor().get()), r -> r.get(NAME));
        assertThat(back.content()).containsExactly("A", "B", "C");
        assertThat(back.hasPrevious()).isFalse();
        assertThat(back.hasNext()).isTrue();
        CursorPage<String> forwardAgain = paginator.keyset(dsl, all(dsl), sort, KeysetRequest.of(3, back.nextCursor().get()), r -> r.get(NAME));
        assertThat(forwardAgain.content()).containsExactly("D", "E", "F");

        // a different page size on the way back still ends right before the cursor row
        CursorPage<String> two = paginator.keyset(dsl, all(dsl), sort, KeysetRequest.of(2, second.previousCursor().get()), r -> r.get(NAME));
        assertThat(two.content()).containsExactly("B", "C");
        assertThat(two.hasPrevious()).isTrue();
    }

    @MatrixTest
    void bad_cursors_are_bad_requests_and_an_empty_cursor_is_the_first_page(TestDatabase db) {
        DSLContext dsl = products(db);
        Paginator paginator = Paginator.defaults();
        Sort sort = Sort.by(SortKey.desc(SCORE), SortKey.asc(CREATED), SortKey.asc(ID));
        String junkJson = Base64.getUrlEncoder().encodeToString("not valid json".getBytes(StandardCharsets.UTF_8));
        String scoreOnly = paginator.keyset(dsl, all(dsl), Sort.by(SortKey.desc(SCORE), SortKey.asc(ID)), KeysetRequest.first(3))
                .nextCursor().orElseThrow();
        for (String bad : List.of("invalid-cursor-not-base64!!!", junkJson, scoreOnly, "x".repeat(5000))) {
            assertThatThrownBy(() -> paginator.keyset(dsl, all(dsl), sort, KeysetRequest.of(3, bad)))
                    .isExactlyInstanceOf(BadRequestException.class)
                    .hasMessage("invalid pagination cursor");
        }
        assertThat(paginator.keyset(dsl, all(dsl), sort, KeysetRequest.of(3, ""), r -> r.get(NAME)).content())
                .containsExactly("A", "B", "C");
        assertThat(paginator.keyset(dsl, all(dsl), sort, KeysetRequest.of(3, null), r -> r.get(NAME)).hasPrevious()).isFalse();
    }

    @MatrixTest
    void signed_cursors_page_and_reject_tampering_and_other_secrets(TestDatabase db) {
        DSLContext dsl = products(db);
        Paginator signed = Paginator.builder().cursorOptions(CursorOptions.signed(SECRET)).build();
        Sort sort = Sort.by(SortKey.desc(SCORE), SortKey.asc(ID));
        Walk walk = walk(signed, dsl, all(dsl), sort, 4);
        assertThat(walk.forward()).containsExactly(List.of("A", "B", "C", "D"), List.of("E", "F", "G", "H"), List.of("I", "J"));

        String next = signed.keyset(dsl, all(dsl), sort, KeysetRequest.first(4)).nextCursor().orElseThrow();
        byte[] bytes = Base64.getUrlDecoder().decode(next);
        bytes[5] ^= 1;
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        assertThatThrownBy(() -> signed.keyset(dsl, all(dsl), sort, KeysetRequest.of(4, tampered))).isInstanceOf(BadRequestException.class);

        Paginator otherSecret = Paginator.builder().cursorOptions(CursorOptions.signed(CursorCodecTest.OTHER_SECRET)).build();
        assertThatThrownBy(() -> otherSecret.keyset(dsl, all(dsl), sort, KeysetRequest.of(4, next))).isInstanceOf(BadRequestException.class);

        String unsigned = Paginator.defaults().keyset(dsl, all(dsl), sort, KeysetRequest.first(4)).nextCursor().orElseThrow();
        assertThatThrownBy(() -> signed.keyset(dsl, all(dsl), sort, KeysetRequest.of(4, unsigned))).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> Paginator.defaults().keyset(dsl, all(dsl), sort, KeysetRequest.of(4, next)))
                .isInstanceOf(BadRequestException.class);
    }

    @MatrixTest
    void encrypted_cursors_page_both_ways_and_hide_their_values(TestDatabase db) {
        DSLContext dsl = products(db);
        Paginator encrypted = Paginator.builder().cursorOptions(CursorOptions.encrypted(SECRET)).build();
        Sort sort = Sort.by(SortKey.asc(NAME).notNull());
        Walk walk = walk(encrypted, dsl, all(dsl), sort, 3);
        assertThat(walk.forward()).containsExactly(
                List.of("A", "B", "C"), List.of("D", "E", "F"), List.of("G", "H", "I"), List.of("J"));
        assertThat(walk.backward()).containsExactly(List.of("A", "B", "C"), List.of("D", "E", "F"), List.of("G", "H", "I"));

        String a = encrypted.keyset(dsl, all(dsl), sort, KeysetRequest.first(3)).nextCursor().orElseThrow();
        String b = encrypted.keyset(dsl, all(dsl), sort, KeysetRequest.first(3)).nextCursor().orElseThrow();
        assertThat(a).isNotEqualTo(b);
        assertThat(encrypted.keyset(dsl, all(dsl), sort, KeysetRequest.of(3, a), r -> r.get(NAME)).content())
                .isEqualTo(encrypted.keyset(dsl, all(dsl), sort, KeysetRequest.of(3, b), r -> r.get(NAME)).content());
        Paginator signed = Paginator.builder().cursorOptions(CursorOptions.signed(SECRET)).build();
        assertThatThrownBy(() -> signed.keyset(dsl, all(dsl), sort, KeysetRequest.of(3, a))).isInstanceOf(BadRequestException.class);
    }

    @MatrixTest
    void filters_and_jooq_sort_fields_work_like_a_repository_would_call(TestDatabase db) {
        DSLContext dsl = products(db);
        Paginator paginator = Paginator.defaults();
        Select<Record> base = all(dsl);
        String before = base.getSQL();
        CursorPage<String> page = paginator.keyset(dsl, base, List.of(SCORE.ge(80)), List.of(SCORE.asc(), ID.desc()),
                KeysetRequest.first(3), r -> r.get(NAME));
        assertThat(page.content()).containsExactly("G", "F", "E");
        CursorPage<String> next = paginator.keyset(dsl, base, List.of(SCORE.ge(80)), List.of(SCORE.asc(), ID.desc()),
                KeysetRequest.of(3, page.nextCursor().orElseThrow()), r -> r.get(NAME));
        assertThat(next.content()).containsExactly("D", "C", "B");
        assertThat(next.hasNext()).isTrue();
        assertThat(base.getSQL()).as("the caller's query is not modified").isEqualTo(before);

        // the query's own WHERE is kept, its ORDER BY and LIMIT are replaced
        var filtered = dsl.select(ID, NAME, SCORE).from(PRODUCTS).where(SCORE.lt(80)).orderBy(NAME.desc()).limit(1);
        CursorPage<String> low = paginator.keyset(dsl, filtered, Sort.by(SortKey.asc(ID).notNull()), KeysetRequest.first(10),
                r -> r.get(NAME));
        assertThat(low.content()).containsExactly("H", "I", "J");
        assertThat(low.hasNext()).isFalse();
    }

    @MatrixTest
    void an_empty_page_after_deletions_still_offers_the_way_back(TestDatabase db) {
        DSLContext dsl = db.dsl();
        Table<?> scratch = DSL.table(DSL.name("scratch"));
        Field<Long> id = DSL.field(DSL.name("scratch", "id"), SQLDataType.BIGINT);
        dsl.createTable(scratch).column("id", SQLDataType.BIGINT.notNull()).primaryKey(DSL.name("id")).execute();
        dsl.insertInto(scratch, id).values(1L).values(2L).values(3L).values(4L).values(5L).execute();
        Paginator paginator = Paginator.defaults();
        Sort sort = Sort.by(SortKey.asc(id).notNull());
        var query = dsl.select(id).from(scratch);

        CursorPage<Long> first = paginator.keyset(dsl, query, sort, KeysetRequest.first(2), r -> r.value1());
        assertThat(first.content()).containsExactly(1L, 2L);
        CursorPage<Long> second = paginator.keyset(dsl, query, sort, KeysetRequest.of(2, first.nextCursor().get()), r -> r.value1());
        assertThat(second.content()).containsExactly(3L, 4L);

        dsl.deleteFrom(scratch).where(id.ge(3L)).execute();
        CursorPage<Long> empty = paginator.keyset(dsl, query, sort, KeysetRequest.of(2, first.nextCursor().get()), r -> r.value1());
        assertThat(empty.content()).isEmpty();
        assertThat(empty.hasNext()).isFalse();
        assertThat(empty.hasPrevious()).isTrue();
        CursorPage<Long> back = paginator.keyset(dsl, query, sort, KeysetRequest.of(2, empty.previousCursor().get()), r -> r.value1());
        assertThat(back.content()).as("the boundary row is included when coming back from an empty page").containsExactly(1L, 2L);
        assertThat(back.hasPrevious()).isFalse();

        // backwards past the start: deleting rows 1 and 2 leaves an empty page whose next cursor leads forward again
        dsl.insertInto(scratch, id).values(3L).values(4L).execute();
        CursorPage<Long> fromFour = paginator.keyset(dsl, query, sort, KeysetRequest.of(1, second.nextCursor().orElseThrow()),
                r -> r.value1());
        assertThat(fromFour.content()).isEmpty();
        dsl.deleteFrom(scratch).where(id.le(2L)).execute();
        CursorPage<Long> beforeThree = paginator.keyset(dsl, query, sort,
                KeysetRequest.of(2, paginator.keyset(dsl, query, sort, KeysetRequest.of(2, first.nextCursor().get()), r -> r.value1())
                        .previousCursor().orElseThrow()), r -> r.value1());
        assertThat(beforeThree.content()).isEmpty();
        assertThat(beforeThree.hasPrevious()).isFalse();
        assertThat(beforeThree.hasNext()).isTrue();
        CursorPage<Long> again = paginator.keyset(dsl, query, sort, KeysetRequest.of(2, beforeThree.nextCursor().get()), r -> r.value1());
        assertThat(again.content()).containsExactly(3L, 4L);
    }

    @MatrixTest
    void a_null_in_a_key_declared_not_null_or_a_missing_key_column_is_a_programming_error(TestDatabase db) {
        DSLContext dsl = products(db);
        Paginator paginator = Paginator.defaults();
        Sort sort = Sort.by(SortKey.desc(RATING).notNull(), SortKey.asc(ID).notNull());
        assertThatThrownBy(() -> paginator.keyset(dsl, all(dsl), sort, KeysetRequest.first(10)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("NOT_NULL");
        var narrow = dsl.select(ID).from(PRODUCTS);
        assertThatThrownBy(() -> paginator.keyset(dsl, narrow, Sort.by(SortKey.asc(NAME), SortKey.asc(ID)), KeysetRequest.first(2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("select list");
    }

    @MatrixTest
    void sizes_are_clamped(TestDatabase db) {
        DSLContext dsl = products(db);
        Paginator paginator = Paginator.builder().defaultSize(4).maxSize(6).build();
        Sort sort = Sort.by(SortKey.asc(ID));
        assertThat(paginator.keyset(dsl, all(dsl), sort, KeysetRequest.first(0)).content()).hasSize(4);
        assertThat(paginator.keyset(dsl, all(dsl), sort, KeysetRequest.first(-3)).size()).isEqualTo(4);
        assertThat(paginator.keyset(dsl, all(dsl), sort, KeysetRequest.first(100)).content()).hasSize(6);
        assertThat(paginator.keyset(dsl, all(dsl), sort, KeysetRequest.first(100)).hasNext()).isTrue();
    }
}
