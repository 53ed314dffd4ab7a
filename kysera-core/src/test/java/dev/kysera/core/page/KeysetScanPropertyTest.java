package dev.kysera.core.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Row5;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The keyset property on real databases: for randomly generated sorts (1–3 nullable keys with
 * duplicates and NULLs, random directions and NULL placements, the unique id last), paging 10,000
 * rows forward to the end and then backward to the start returns every row exactly once, in the
 * same order as an in-memory sort. Data and scenarios come from {@link #SEED}; a failure message
 * names the seed and the scenario so it can be replayed.
 */
class KeysetScanPropertyTest {

    /** Fixed so every database sees the same rows and sorts; change it to explore other cases. */
    static final long SEED = 0x6b79_7365_7261L;
    static final int ROWS = 10_000;
    static final int SCENARIOS = 5;

    static final Table<?> ITEMS = DSL.table(DSL.name("items"));
    static final Field<Long> ID = DSL.field(DSL.name("items", "id"), SQLDataType.BIGINT);
    static final Field<Integer> A = DSL.field(DSL.name("items", "a"), SQLDataType.INTEGER);
    static final Field<String> B = DSL.field(DSL.name("items", "b"), SQLDataType.VARCHAR(5));
    static final Field<LocalDate> C = DSL.field(DSL.name("items", "c"), SQLDataType.LOCALDATE);
    static final Field<BigDecimal> E = DSL.field(DSL.name("items", "e"), SQLDataType.DECIMAL(6, 2));

    record Item(long id, Integer a, String b, LocalDate c, BigDecimal e) {
    }

    record Column<T extends Comparable<? super T>>(Field<T> field, Function<Item, T> getter) {
    }

    static final List<Column<?>> COLUMNS = List.of(
            new Column<>(A, Item::a), new Column<>(B, Item::b), new Column<>(C, Item::c), new Column<>(E, Item::e));

    static List<Item> items(Random random) {
        List<Item> items = new ArrayList<>(ROWS);
        for (long id = 1; id <= ROWS; id++) {
            Integer a = random.nextInt(100) < 15 ? null : random.nextInt(16);
            String b = random.nextInt(100) < 15 ? null
                    : "" + (char) ('a' + random.nextInt(5)) + (random.nextBoolean() ? "" : (char) ('a' + random.nextInt(5)));
            LocalDate c = random.nextInt(100) < 15 ? null : LocalDate.of(2024, 1, 1).plusDays(random.nextInt(30));
            BigDecimal e = random.nextInt(100) < 15 ? null : BigDecimal.valueOf(random.nextInt(2000) - 1000, 2);
            items.add(new Item(id, a, b, c, e));
        }
        Collections.shuffle(items, random);
        return items;
    }

    static void load(DSLContext dsl, List<Item> items) {
        dsl.createTable(ITEMS)
                .column("id", SQLDataType.BIGINT.notNull())
                .column("a", SQLDataType.INTEGER.null_())
                .column("b", SQLDataType.VARCHAR(5).null_())
                .column("c", SQLDataType.LOCALDATE.null_())
                .column("e", SQLDataType.DECIMAL(6, 2).null_())
                .primaryKey(DSL.name("id"))
                .execute();
        for (int from = 0; from < items.size(); from += 1000) {
            List<Row5<Long, Integer, String, LocalDate, BigDecimal>> rows = items.subList(from, Math.min(items.size(), from + 1000))
                    .stream().map(i -> DSL.row(i.id(), i.a(), i.b(), i.c(), i.e())).toList();
            dsl.insertInto(ITEMS, ID, A, B, C, E).valuesOfRows(rows).execute();
        }
    }

    record Scenario(Sort sort, Comparator<Item> comparator, int size, String description) {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Scenario scenario(Random random) {
        List<Column<?>> columns = new ArrayList<>(COLUMNS);
        Collections.shuffle(columns, random);
        int count = 1 + random.nextInt(3);
        List<SortKey<?>> keys = new ArrayList<>();
        Comparator<Item> comparator = null;
        StringBuilder description = new StringBuilder();
        for (Column column : columns.subList(0, count)) {
            boolean ascending = random.nextBoolean();
            NullOrder nulls = random.nextBoolean() ? NullOrder.NULLS_FIRST : NullOrder.NULLS_LAST;
            SortKey<?> key = SortKey.of(column.field(), ascending ? SortDirection.ASC : SortDirection.DESC);
            key = nulls == NullOrder.NULLS_FIRST ? key.nullsFirst() : key.nullsLast();
            keys.add(key);
            Comparator<Comparable> values = ascending ? Comparator.naturalOrder() : Comparator.reverseOrder();
            Comparator<Comparable> withNulls = nulls == NullOrder.NULLS_FIRST ? Comparator.nullsFirst(values) : Comparator.nullsLast(values);
            Comparator<Item> byKey = Comparator.comparing(item -> (Comparable) column.getter().apply(item), withNulls);
            comparator = comparator == null ? byKey : comparator.thenComparing(byKey);
            description.append(column.field().getName()).append(' ').append(key.direction()).append(' ').append(nulls).append(", ");
        }
        boolean idAscending = random.nextBoolean();
        keys.add(idAscending ? SortKey.asc(ID).notNull() : SortKey.desc(ID).notNull());
        Comparator<Item> byId = Comparator.comparingLong(Item::id);
        comparator = comparator.thenComparing(idAscending ? byId : byId.reversed());
        description.append("id ").append(idAscending ? "ASC" : "DESC");
        int size = 150 + random.nextInt(700);
        return new Scenario(new Sort(keys), comparator, size, description + "; page size " + size);
    }

    @MatrixTest
    void paging_forward_then_backward_visits_every_row_once_in_sort_order(TestDatabase db) {
        Random random = new Random(SEED);
        List<Item> items = items(random);
        DSLContext dsl = db.dsl();
        load(dsl, items);
        Select<Record> query = dsl.select(List.<Field<?>>of(ID, A, B, C, E)).from(ITEMS);
        Paginator paginator = Paginator.builder().cursorOptions(CursorOptions.signed(CursorCodecTest.SECRET)).build();

        for (int s = 0; s < SCENARIOS; s++) {
            Scenario scenario = scenario(random);
            String context = "seed " + SEED + ", scenario " + s + " (" + scenario.description() + ") on " + db.engine().label();
            List<Long> expected = items.stream().sorted(scenario.comparator()).map(Item::id).toList();

            List<Long> forward = new ArrayList<>();
            CursorPage<Long> page = paginator.keyset(dsl, query, scenario.sort(), KeysetRequest.first(scenario.size()), r -> r.get(ID));
            assertThat(page.hasPrevious()).as(context).isFalse();
            forward.addAll(page.content());
            List<Long> lastPage = page.content();
            int pages = 1;
            while (page.hasNext()) {
                page = paginator.keyset(dsl, query, scenario.sort(), KeysetRequest.of(scenario.size(), page.nextCursor().orElseThrow()),
                        r -> r.get(ID));
                assertThat(page.hasPrevious()).as(context).isTrue();
                assertThat(page.content()).as(context).isNotEmpty();
                forward.addAll(page.content());
                lastPage = page.content();
                assertThat(++pages).as(context + ": runaway").isLessThan(ROWS);
            }
            assertThat(new HashSet<>(forward)).as(context + ": no row repeated").hasSize(forward.size());
            assertSameOrder(forward, expected, context + ": forward order");

            List<Long> backward = new ArrayList<>(lastPage);
            while (page.hasPrevious()) {
                page = paginator.keyset(dsl, query, scenario.sort(),
                        KeysetRequest.of(scenario.size(), page.previousCursor().orElseThrow()), r -> r.get(ID));
                assertThat(page.hasNext()).as(context).isTrue();
                assertThat(page.content()).as(context).hasSizeLessThanOrEqualTo(scenario.size()).isNotEmpty();
                backward.addAll(0, page.content());
                assertThat(--pages).as(context + ": runaway backwards").isGreaterThan(-ROWS);
            }
            assertSameOrder(backward, expected, context + ": backward order");
        }
    }

    /** Compares without dumping 10,000 ids: names the first position where the orders differ. */
    static void assertSameOrder(List<Long> actual, List<Long> expected, String context) {
        int common = Math.min(actual.size(), expected.size());
        for (int i = 0; i < common; i++) {
            if (!actual.get(i).equals(expected.get(i))) {
                throw new AssertionError(context + ": first difference at position " + i + ": expected id " + expected.get(i)
                        + " but got " + actual.get(i) + "; neighbourhood expected "
                        + expected.subList(Math.max(0, i - 3), Math.min(common, i + 4)) + ", actual "
                        + actual.subList(Math.max(0, i - 3), Math.min(common, i + 4)));
            }
        }
        assertThat(actual.size()).as(context + ": row count").isEqualTo(expected.size());
    }
}
