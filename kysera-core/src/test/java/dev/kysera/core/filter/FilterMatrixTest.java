package dev.kysera.core.filter;

import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.error.BadRequestException;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.SortField;

/** The operator matrix on seeded users, typed and parsed, on every database of the matrix. */
class FilterMatrixTest {

    static final FilterColumns COLUMNS = FilterColumns.builder()
            .add(USERS.NAME, USERS.EMAIL, USERS.STATUS, USERS.VERSION, USERS.TENANT_ID, USERS.CREATED_AT)
            .add("createdAt", USERS.CREATED_AT)
            .build();

    /** alice(active, v1, t10, Jan) bob(active, v2, t10, Feb) carol(suspended, v3, t20, Mar) dave(closed, v4, -, Apr) erin(active, v5, -, -). */
    static void seed(TestDatabase db) {
        db.useTestSchema();
        var insert = db.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME, USERS.STATUS, USERS.VERSION, USERS.TENANT_ID, USERS.CREATED_AT)
                .values("alice@example.com", "alice", "active", 1, 10, LocalDateTime.of(2024, 1, 1, 0, 0))
                .values("bob@example.com", "bob", "active", 2, 10, LocalDateTime.of(2024, 2, 1, 0, 0))
                .values("carol@example.org", "carol", "suspended", 3, 20, LocalDateTime.of(2024, 3, 1, 0, 0))
                .values("dave@example.org", "dave", "closed", 4, null, LocalDateTime.of(2024, 4, 1, 0, 0))
                .values("erin@example.com", "erin", "active", 5, null, null);
        assertThat(insert.execute()).isEqualTo(5);
    }

    static List<String> names(TestDatabase db, Condition condition) {
        return db.dsl().select(USERS.NAME).from(USERS).where(condition).orderBy(USERS.NAME).fetch(USERS.NAME);
    }

    static List<String> parsed(TestDatabase db, Map<String, ?> input) {
        return names(db, Filter.parse(input, COLUMNS));
    }

    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    @MatrixTest
    void comparison_operators(TestDatabase db) {
        seed(db);
        assertThat(names(db, Filter.eq(USERS.STATUS, "active"))).containsExactly("alice", "bob", "erin");
        assertThat(names(db, Filter.ne(USERS.STATUS, "active"))).containsExactly("carol", "dave");
        assertThat(names(db, Filter.gt(USERS.VERSION, 3))).containsExactly("dave", "erin");
        assertThat(names(db, Filter.gte(USERS.VERSION, 3))).containsExactly("carol", "dave", "erin");
        assertThat(names(db, Filter.lt(USERS.VERSION, 3))).containsExactly("alice", "bob");
        assertThat(names(db, Filter.lte(USERS.VERSION, 3))).containsExactly("alice", "bob", "carol");
        assertThat(names(db, Filter.gte(USERS.CREATED_AT, LocalDateTime.of(2024, 3, 1, 0, 0)))).containsExactly("carol", "dave");

        assertThat(parsed(db, map("status", "active"))).containsExactly("alice", "bob", "erin");
        assertThat(parsed(db, map("status", map("ne", "active")))).containsExactly("carol", "dave");
        assertThat(parsed(db, map("version", map("gt", "3")))).containsExactly("dave", "erin");
        assertThat(parsed(db, map("version", map("gte", 3)))).containsExactly("carol", "dave", "erin");
        assertThat(parsed(db, map("version", map("lt", "3")))).containsExactly("alice", "bob");
        assertThat(parsed(db, map("version", map("lte", 3L)))).containsExactly("alice", "bob", "carol");
        assertThat(parsed(db, map("createdAt", map("lt", "2024-03-01")))).containsExactly("alice", "bob");
        assertThat(parsed(db, map("created_at", map("gte", "2024-02-01T00:00:00", "lt", "2024-04-01 00:00:00"))))
                .containsExactly("bob", "carol");
    }

    @MatrixTest
    void null_always_means_is_null(TestDatabase db) {
        seed(db);
        assertThat(names(db, Filter.eq(USERS.TENANT_ID, null))).containsExactly("dave", "erin");
        assertThat(names(db, Filter.ne(USERS.TENANT_ID, null))).containsExactly("alice", "bob", "carol");
        assertThat(names(db, Filter.isNull(USERS.CREATED_AT))).containsExactly("erin");
        assertThat(names(db, Filter.isNotNull(USERS.CREATED_AT))).containsExactly("alice", "bob", "carol", "dave");
        assertThat(parsed(db, map("tenant_id", null))).containsExactly("dave", "erin");
        assertThat(parsed(db, map("tenant_id", map("eq", null)))).containsExactly("dave", "erin");
        assertThat(parsed(db, map("tenant_id", map("ne", null)))).containsExactly("alice", "bob", "carol");
        assertThat(parsed(db, map("tenant_id", map("isNull", true)))).containsExactly("dave", "erin");
        assertThat(parsed(db, map("tenant_id", map("isNotNull", "true")))).containsExactly("alice", "bob", "carol");
        // SQL semantics for non-null ne / notIn: NULL rows do not match
        assertThat(parsed(db, map("tenant_id", map("ne", 10)))).containsExactly("carol");
        assertThat(parsed(db, map("tenant_id", map("in", Arrays.asList(20, null))))).containsExactly("carol", "dave", "erin");
        assertThat(parsed(db, map("tenant_id", map("notIn", Arrays.asList(20, null))))).containsExactly("alice", "bob");
        assertThat(parsed(db, map("tenant_id", map("notIn", Arrays.asList((Object) null))))).containsExactly("alice", "bob", "carol");
    }

    @MatrixTest
    void in_and_not_in_including_empty_lists(TestDatabase db) {
        seed(db);
        assertThat(names(db, Filter.in(USERS.STATUS, "suspended", "closed"))).containsExactly("carol", "dave");
        assertThat(names(db, Filter.notIn(USERS.STATUS, List.of("suspended", "closed")))).containsExactly("alice", "bob", "erin");
        assertThat(names(db, Filter.in(USERS.STATUS, List.of()))).isEmpty();
        assertThat(names(db, Filter.notIn(USERS.STATUS, List.of()))).containsExactly("alice", "bob", "carol", "dave", "erin");
        assertThat(parsed(db, map("status", map("in", List.of())))).isEmpty();
        assertThat(parsed(db, map("status", map("notIn", List.of())))).hasSize(5);
        assertThat(parsed(db, map("tenant_id", map("notIn", List.of())))).hasSize(5);
        assertThat(parsed(db, map("version", map("in", List.of("1", 3, 5L))))).containsExactly("alice", "carol", "erin");
        assertThat(names(db, Filter.parseQuery(Map.of("status[in]", ""), COLUMNS))).isEmpty();
        assertThat(names(db, Filter.parseQuery(Map.of("status[nin]", "active,closed"), COLUMNS))).containsExactly("carol");
    }

    @MatrixTest
    void between_is_inclusive_at_both_ends(TestDatabase db) {
        seed(db);
        assertThat(names(db, Filter.between(USERS.VERSION, 2, 4))).containsExactly("bob", "carol", "dave");
        assertThat(parsed(db, map("version", map("between", List.of("2", "4"))))).containsExactly("bob", "carol", "dave");
        assertThat(parsed(db, map("version", map("between", List.of(5, 5))))).containsExactly("erin");
        assertThat(parsed(db, map("version", map("between", List.of(4, 2))))).isEmpty();
        assertThat(parsed(db, map("createdAt", map("between", List.of("2024-02-01", "2024-03-01"))))).containsExactly("bob", "carol");
    }

    @MatrixTest
    void groups_nest_and_fields_combine_with_and(TestDatabase db) {
        seed(db);
        // implicit AND across fields
        assertThat(parsed(db, map("status", "active", "tenant_id", 10))).containsExactly("alice", "bob");
        // or inside and: active AND (tenant 20 OR version >= 5) → erin
        assertThat(parsed(db, map("and", List.of(
                map("status", "active"),
                map("or", List.of(map("tenant_id", 20), map("version", map("gte", 5)))))))).containsExactly("erin");
        // (active AND tenant null) OR (suspended) → carol, erin
        assertThat(parsed(db, map("or", List.of(
                map("status", "active", "tenant_id", null),
                map("status", "suspended"))))).containsExactly("carol", "erin");
        assertThat(parsed(db, map("not", map("status", "active")))).containsExactly("carol", "dave");
        assertThat(names(db, Filter.and(Filter.eq(USERS.STATUS, "active"), Filter.or(Filter.eq(USERS.TENANT_ID, 20),
                Filter.gte(USERS.VERSION, 5))))).containsExactly("erin");
        assertThat(names(db, Filter.or())).isEmpty();
        assertThat(names(db, Filter.not(Filter.in(USERS.STATUS, List.of())))).hasSize(5);
        assertThat(names(db, Filter.parse(Map.of(), COLUMNS))).hasSize(5);
    }

    @MatrixTest
    void ilike_is_case_insensitive_everywhere(TestDatabase db) {
        seed(db);
        assertThat(names(db, Filter.ilike(USERS.NAME, "ALICE"))).containsExactly("alice");
        assertThat(names(db, Filter.ilike(USERS.EMAIL, "%EXAMPLE.ORG"))).containsExactly("carol", "dave");
        assertThat(parsed(db, map("name", map("ilike", "B_B")))).containsExactly("bob");
        assertThat(parsed(db, map("email", map("containsIgnoreCase", "E@EXAMPLE")))).containsExactly("alice", "dave");
        assertThat(parsed(db, map("name", map("startsWithIgnoreCase", "CA")))).containsExactly("carol");
        assertThat(parsed(db, map("email", map("endsWithIgnoreCase", ".COM")))).containsExactly("alice", "bob", "erin");
    }

    @MatrixTest
    void query_parameters_and_sort_run(TestDatabase db) {
        seed(db);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("status[in]", "active,suspended");
        params.put("version[gte]", "2");
        params.put("tenant_id[isNull]", "false");
        params.put("sort", "-version");
        FilterParser parser = FilterParser.defaults().withIgnoredParameters("sort");
        List<SortField<?>> sort = Sorting.parse(params.get("sort"), COLUMNS);
        List<String> result = db.dsl().select(USERS.NAME).from(USERS).where(parser.parseQuery(params, COLUMNS))
                .orderBy(sort).fetch(USERS.NAME);
        assertThat(result).containsExactly("carol", "bob");
        List<String> sorted = db.dsl().select(USERS.NAME).from(USERS)
                .orderBy(Sorting.parse("status,-name", COLUMNS)).fetch(USERS.NAME);
        assertThat(sorted).containsExactly("erin", "bob", "alice", "dave", "carol");
    }

    @MatrixTest
    void conversion_errors_are_bad_requests_before_any_sql(TestDatabase db) {
        seed(db);
        assertThatThrownBy(() -> parsed(db, map("version", "abc"))).isInstanceOf(BadRequestException.class)
                .hasMessage("Filter column 'version': 'abc' is not a valid Integer");
        assertThatThrownBy(() -> parsed(db, map("tenant_id", map("in", List.of("1", "1.5"))))).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("'1.5' is not a valid Integer");
        assertThatThrownBy(() -> parsed(db, map("created_at", map("gt", "not-a-date")))).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("created_at");
        assertThat(db.dsl().fetchCount(USERS)).isEqualTo(5);
    }
}
