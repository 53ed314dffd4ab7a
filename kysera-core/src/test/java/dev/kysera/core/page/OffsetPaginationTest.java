package dev.kysera.core.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.error.BadRequestException;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

class OffsetPaginationTest {

    static final Table<?> PEOPLE = DSL.table(DSL.name("people"));
    static final Field<Long> ID = DSL.field(DSL.name("people", "id"), SQLDataType.BIGINT);
    static final Field<String> EMAIL = DSL.field(DSL.name("people", "email"), SQLDataType.VARCHAR(100));
    static final Field<String> TEAM = DSL.field(DSL.name("people", "team"), SQLDataType.VARCHAR(20));

    static final List<String> EMAILS = List.of("alice@x.io", "bob@x.io", "charlie@x.io", "dave@x.io", "eve@x.io");

    private static final ConcurrentMap<String, Boolean> CREATED = new ConcurrentHashMap<>();

    /** Five people in three teams (red: 2, blue: 2, green: 1); created once per isolated database. */
    static DSLContext people(TestDatabase db) {
        CREATED.computeIfAbsent(db.isolationName(), name -> {
            DSLContext dsl = db.dsl();
            dsl.createTable(PEOPLE)
                    .column(ID.getUnqualifiedName().first(), SQLDataType.BIGINT.notNull())
                    .column(EMAIL.getUnqualifiedName().first(), SQLDataType.VARCHAR(100).notNull())
                    .column(TEAM.getUnqualifiedName().first(), SQLDataType.VARCHAR(20).notNull())
                    .primaryKey(DSL.name("id"))
                    .execute();
            var insert = dsl.insertInto(PEOPLE, ID, EMAIL, TEAM);
            String[] teams = {"red", "blue", "red", "blue", "green"};
            // inserted out of order so the ORDER BY, not the insertion order, decides
            for (int i : new int[] {3, 0, 4, 1, 2}) {
                insert = insert.values((long) i + 1, EMAILS.get(i), teams[i]);
            }
            insert.execute();
            return true;
        });
        return db.dsl();
    }

    static Select<Record2<Long, String>> byEmail(DSLContext dsl) {
        return dsl.select(ID, EMAIL).from(PEOPLE).orderBy(EMAIL.asc());
    }

    @MatrixTest
    void pages_in_query_order_with_counts(TestDatabase db) {
        DSLContext dsl = people(db);
        Paginator paginator = Paginator.defaults();
        Page<String> p1 = paginator.page(dsl, byEmail(dsl), PageRequest.of(1, 2), r -> r.value2());
        Page<String> p2 = paginator.page(dsl, byEmail(dsl), PageRequest.of(2, 2), r -> r.value2());
        Page<String> p3 = paginator.page(dsl, byEmail(dsl), PageRequest.of(3, 2), r -> r.value2());

        assertThat(p1.content()).containsExactly("alice@x.io", "bob@x.io");
        assertThat(p2.content()).containsExactly("charlie@x.io", "dave@x.io");
        assertThat(p3.content()).containsExactly("eve@x.io");
        assertThat(List.of(p1.hasNext(), p2.hasNext(), p3.hasNext())).containsExactly(true, true, false);
        assertThat(List.of(p1.hasPrevious(), p2.hasPrevious(), p3.hasPrevious())).containsExactly(false, true, true);
        assertThat(p2).satisfies(p -> {
            assertThat(p.page()).isEqualTo(2);
            assertThat(p.size()).isEqualTo(2);
            assertThat(p.totalElements()).isEqualTo(5);
            assertThat(p.totalPages()).isEqualTo(3);
        });
    }

    @MatrixTest
    void out_of_range_requests_are_clamped(TestDatabase db) {
        DSLContext dsl = people(db);
        Paginator paginator = Paginator.defaults();

        Page<?> negative = paginator.page(dsl, byEmail(dsl), PageRequest.of(-1, 10));
        assertThat(negative.page()).isEqualTo(1);
        assertThat(negative.content()).hasSize(5);
        assertThat(negative.hasPrevious()).isFalse();

        Page<?> beyond = paginator.page(dsl, byEmail(dsl), PageRequest.of(1000, 10));
        assertThat(beyond.content()).isEmpty();
        assertThat(beyond.page()).isEqualTo(1000);
        assertThat(beyond.hasNext()).isFalse();
        assertThat(beyond.hasPrevious()).isTrue();
        assertThat(beyond.totalElements()).isEqualTo(5);

        Page<?> countsOnly = paginator.page(dsl, byEmail(dsl), PageRequest.of(1, 0));
        assertThat(countsOnly.content()).isEmpty();
        assertThat(countsOnly.size()).isZero();
        assertThat(countsOnly.totalPages()).isZero();
        assertThat(countsOnly.totalElements()).isEqualTo(5);

        Page<?> huge = paginator.page(dsl, byEmail(dsl), PageRequest.of(1, 50_000));
        assertThat(huge.size()).isEqualTo(10_000);
        assertThat(huge.content()).hasSize(5);

        Page<?> defaulted = paginator.page(dsl, byEmail(dsl), PageRequest.ofPage(1));
        assertThat(defaulted.size()).isEqualTo(20);

        // the largest allowed offset, (1,000,000 - 1) * 10,000, is representable and simply empty
        Page<?> last = paginator.page(dsl, byEmail(dsl), PageRequest.of(1_000_000, 10_000));
        assertThat(last.page()).isEqualTo(1_000_000);
        assertThat(last.content()).isEmpty();

        Page<?> clamped = paginator.page(dsl, byEmail(dsl), PageRequest.of(Long.MAX_VALUE, 10));
        assertThat(clamped.page()).isEqualTo(1_000_000);
    }

    @MatrixTest
    void a_configured_limit_is_honoured_and_an_overflowing_offset_is_a_bad_request(TestDatabase db) {
        DSLContext dsl = people(db);
        Paginator small = Paginator.builder().defaultSize(2).maxSize(3).build();
        assertThat(small.page(dsl, byEmail(dsl), PageRequest.ofPage(1)).content()).hasSize(2);
        assertThat(small.page(dsl, byEmail(dsl), PageRequest.of(1, 100)).content()).hasSize(3);

        Paginator unbounded = Paginator.builder().maxPage(Long.MAX_VALUE).maxSize(Integer.MAX_VALUE - 1).build();
        assertThatThrownBy(() -> unbounded.page(dsl, byEmail(dsl), PageRequest.of(Long.MAX_VALUE, 10)))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("out of range");
    }

    @MatrixTest
    void grouped_and_distinct_queries_count_groups_not_rows(TestDatabase db) {
        DSLContext dsl = people(db);
        Field<Integer> members = DSL.count().as("members");
        var grouped = dsl.select(TEAM, members).from(PEOPLE).groupBy(TEAM).orderBy(TEAM);
        Page<String> page = Paginator.defaults().page(dsl, grouped, PageRequest.of(1, 2), r -> r.value1() + "=" + r.value2());
        assertThat(page.totalElements()).isEqualTo(3);
        assertThat(page.totalPages()).isEqualTo(2);
        assertThat(page.content()).containsExactly("blue=2", "green=1");

        var distinct = dsl.selectDistinct(TEAM).from(PEOPLE).orderBy(TEAM.desc());
        Page<String> teams = Paginator.defaults().page(dsl, distinct, PageRequest.of(2, 2), r -> r.value1());
        assertThat(teams.totalElements()).isEqualTo(3);
        assertThat(teams.content()).containsExactly("blue");
        assertThat(teams.hasNext()).isFalse();
    }

    @MatrixTest
    void filters_apply_to_rows_and_counts_and_the_query_is_not_modified(TestDatabase db) {
        DSLContext dsl = people(db);
        var query = dsl.select(ID, EMAIL).from(PEOPLE).where(TEAM.eq("red")).orderBy(EMAIL.desc()).limit(1);
        String before = query.getSQL();
        Page<String> page = Paginator.defaults().page(dsl, query, PageRequest.of(1, 5), r -> r.value2());
        assertThat(page.content()).containsExactly("charlie@x.io", "alice@x.io");
        assertThat(page.totalElements()).as("the query's own LIMIT is replaced, also for the count").isEqualTo(2);
        assertThat(query.getSQL()).isEqualTo(before);
        assertThat(dsl.fetch(query)).hasSize(1);
    }

    @MatrixTest
    void an_empty_result_has_no_pages(TestDatabase db) {
        DSLContext dsl = people(db);
        Page<?> page = Paginator.defaults().page(dsl, dsl.selectFrom(PEOPLE).where(TEAM.eq("none")), PageRequest.of(1, 10));
        assertThat(page.content()).isEmpty();
        assertThat(page.totalElements()).isZero();
        assertThat(page.totalPages()).isZero();
        assertThat(page.hasNext()).isFalse();
        assertThat(page.hasPrevious()).isFalse();
    }

    @MatrixTest
    void a_join_selecting_two_columns_of_the_same_name_counts(TestDatabase db) {
        DSLContext dsl = people(db);
        Table<?> mate = PEOPLE.as("mate");
        Field<Long> mateId = DSL.field(DSL.name("mate", "id"), SQLDataType.BIGINT);
        Field<String> mateTeam = DSL.field(DSL.name("mate", "team"), SQLDataType.VARCHAR);
        var pairs = dsl.select(ID, mateId).from(PEOPLE).join(mate).on(TEAM.eq(mateTeam).and(ID.lt(mateId))).orderBy(ID, mateId);
        Page<String> page = Paginator.defaults().page(dsl, pairs, PageRequest.of(1, 1), r -> r.value1() + "-" + r.value2());
        assertThat(page.totalElements()).isEqualTo(2);
        assertThat(page.content()).containsExactly("1-3");
    }
}
