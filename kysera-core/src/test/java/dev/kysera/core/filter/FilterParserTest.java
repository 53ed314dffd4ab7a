package dev.kysera.core.filter;

import static dev.kysera.testsupport.schema.Tables.POSTS;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.error.BadRequestException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** The parser's shapes, conversions and error messages, checked on rendered SQL without a database. */
class FilterParserTest {

    private static final FilterColumns COLUMNS = FilterColumns.builder()
            .add(USERS.ID, USERS.NAME, USERS.EMAIL, USERS.STATUS, USERS.VERSION, USERS.TENANT_ID, USERS.CREATED_AT)
            .add("createdAt", USERS.CREATED_AT)
            .build();
    private static final DSLContext PG = DSL.using(SQLDialect.POSTGRES);

    private static String sql(Condition condition) {
        return PG.renderInlined(condition);
    }

    private static String parsed(Map<String, ?> input) {
        return sql(Filter.parse(input, COLUMNS));
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static void rejects(Map<String, ?> input, String... messageParts) {
        assertThatThrownBy(() -> Filter.parse(input, COLUMNS))
                .isInstanceOf(BadRequestException.class)
                .satisfies(e -> assertThat(((BadRequestException) e).code()).isEqualTo("BAD_REQUEST"))
                .message().contains(messageParts);
    }

    // ------------------------------------------------------------------ shapes that work

    @Test
    void plain_value_is_eq_and_null_is_is_null() {
        assertThat(parsed(map("name", "x"))).isEqualTo("\"users\".\"name\" = 'x'");
        assertThat(parsed(map("tenant_id", null))).isEqualTo("\"users\".\"tenant_id\" is null");
        assertThat(parsed(map("tenant_id", map("eq", null)))).isEqualTo("\"users\".\"tenant_id\" is null");
        assertThat(parsed(map("tenant_id", map("ne", null)))).isEqualTo("\"users\".\"tenant_id\" is not null");
    }

    @Test
    void typed_builder_null_means_is_null_where_plain_jooq_renders_eq_null() {
        assertThat(sql(USERS.TENANT_ID.eq((Integer) null))).isEqualTo("\"users\".\"tenant_id\" = null");
        assertThat(sql(Filter.eq(USERS.TENANT_ID, null))).isEqualTo("\"users\".\"tenant_id\" is null");
        assertThat(sql(Filter.ne(USERS.TENANT_ID, null))).isEqualTo("\"users\".\"tenant_id\" is not null");
    }

    @Test
    void values_are_converted_to_the_column_type() {
        assertThat(parsed(map("version", map("gte", "18")))).isEqualTo("\"users\".\"version\" >= 18");
        assertThat(parsed(map("version", map("lt", 7L)))).isEqualTo("\"users\".\"version\" < 7");
        assertThat(parsed(map("id", 5))).isEqualTo("\"users\".\"id\" = 5");
        assertThat(parsed(map("version", "18.0"))).isEqualTo("\"users\".\"version\" = 18");
        assertThat(parsed(map("createdAt", map("gte", "2024-02-01"))))
                .isEqualTo("\"users\".\"created_at\" >= timestamp '2024-02-01 00:00:00.0'");
        Condition c = Filter.parse(map("created_at", "2024-02-01T10:15:30"), COLUMNS);
        assertThat(sql(c)).contains("timestamp '2024-02-01 10:15:30");
        assertThat(sql(Filter.parse(map("created_at", LocalDateTime.of(2024, 1, 1, 0, 0)), COLUMNS))).contains("2024-01-01 00:00:00");
    }

    @Test
    void several_operators_on_one_column_and_several_columns_combine_with_and() {
        assertThat(parsed(map("version", map("gt", 1, "lte", 4), "status", "active")))
                .isEqualTo("(\"users\".\"version\" > 1 and \"users\".\"version\" <= 4 and \"users\".\"status\" = 'active')");
    }

    @Test
    void or_and_not_groups_nest() {
        String s = parsed(map(
                "status", "active",
                "or", List.of(map("tenant_id", null), map("and", List.of(map("version", map("gt", 2)), map("version", map("lt", 9))))),
                "not", map("email", map("endsWith", "@spam.com"))));
        assertThat(s).isEqualTo("(\"users\".\"status\" = 'active' and (\"users\".\"tenant_id\" is null or (\"users\".\"version\" > 2 "
                + "and \"users\".\"version\" < 9)) and not (\"users\".\"email\" like '%@spam.com' escape '!'))");
    }

    @Test
    void operator_names_are_case_insensitive_and_accept_a_dollar_prefix() {
        assertThat(parsed(map("version", map("$GTE", 3)))).isEqualTo("\"users\".\"version\" >= 3");
        assertThat(parsed(map("status", map("nin", List.of("closed"))))).isEqualTo("\"users\".\"status\" not in ('closed')");
        assertThat(parsed(map("$or", List.of(map("version", 1), map("version", 2)))))
                .isEqualTo("(\"users\".\"version\" = 1 or \"users\".\"version\" = 2)");
    }

    @Test
    void in_lists_handle_empty_null_and_arrays() {
        assertThat(parsed(map("status", map("in", List.of())))).isEqualTo("false");
        assertThat(parsed(map("status", map("notIn", List.of())))).isEqualTo("true");
        assertThat(parsed(map("status", map("in", new Object[] {"a", "b"})))).isEqualTo("\"users\".\"status\" in ('a', 'b')");
        assertThat(parsed(map("tenant_id", map("in", Arrays.asList(1, null)))))
                .isEqualTo("(\"users\".\"tenant_id\" in (1) or \"users\".\"tenant_id\" is null)");
        assertThat(parsed(map("tenant_id", map("notIn", Arrays.asList(1, null)))))
                .isEqualTo("(\"users\".\"tenant_id\" not in (1) and \"users\".\"tenant_id\" is not null)");
        assertThat(parsed(map("tenant_id", map("in", Collections.singletonList(null))))).isEqualTo("\"users\".\"tenant_id\" is null");
    }

    @Test
    void like_family_binds_patterns_with_an_explicit_escape() {
        assertThat(parsed(map("name", map("contains", "50%_!\\")))).isEqualTo("\"users\".\"name\" like '%50!%!_!!\\%' escape '!'");
        assertThat(parsed(map("name", map("like", "a!b%")))).isEqualTo("\"users\".\"name\" like 'a!!b%' escape '!'");
        assertThat(parsed(map("name", map("startsWith", "_")))).isEqualTo("\"users\".\"name\" like '!_%' escape '!'");
        assertThat(parsed(map("name", map("ilike", "AL%")))).isEqualTo("\"users\".\"name\" ilike 'AL%' escape '!'");
        assertThat(DSL.using(SQLDialect.MARIADB).renderInlined(Filter.parse(map("name", map("ilike", "AL%")), COLUMNS)))
                .isEqualTo("lower(`users`.`name`) like lower('AL%') escape '!'");
    }

    @Test
    void is_null_flags_accept_booleans_and_true_false_strings() {
        assertThat(parsed(map("tenant_id", map("isNull", true)))).isEqualTo("\"users\".\"tenant_id\" is null");
        assertThat(parsed(map("tenant_id", map("isNull", "false")))).isEqualTo("\"users\".\"tenant_id\" is not null");
        assertThat(parsed(map("tenant_id", map("isNotNull", false)))).isEqualTo("\"users\".\"tenant_id\" is null");
        rejects(map("tenant_id", map("isNull", "yes")), "'isNull'", "'tenant_id'", "true or false");
    }

    @Test
    void empty_input_is_no_condition() {
        assertThat(Filter.parse(Map.of(), COLUMNS)).isEqualTo(DSL.noCondition());
        assertThat(Filter.parse(null, COLUMNS)).isEqualTo(DSL.noCondition());
        assertThat(Filter.parseQuery(Map.of(), COLUMNS)).isEqualTo(DSL.noCondition());
    }

    // ------------------------------------------------------------------ errors

    @Test
    void unknown_columns_are_rejected_and_named() {
        rejects(map("password", "x"), "Unknown filter column 'password'", "allowed: id, name, email");
        rejects(map("Name", "x"), "Unknown filter column 'Name'");
        rejects(map("users.name", "x"), "'users.name'");
        rejects(map("name; drop table users", "x"), "Unknown filter column 'name; drop table users'");
        rejects(map("or", List.of(map("nope", 1))), "Unknown filter column 'nope'");
    }

    @Test
    void overlong_or_control_character_input_is_shortened_in_messages() {
        String longName = "x".repeat(500) + "\n";
        assertThatThrownBy(() -> Filter.parse(map(longName, 1), COLUMNS))
                .isInstanceOf(BadRequestException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains("x".repeat(64) + "...").doesNotContain("x".repeat(65)));
        assertThatThrownBy(() -> Filter.parse(map("a\nb", 1), COLUMNS)).hasMessageContaining("'a?b'");
    }

    @Test
    void unknown_operators_are_rejected_and_named() {
        rejects(map("version", map("foo", 1)), "Unknown filter operator 'foo' on column 'version'", "allowed: eq, ne, gt");
        rejects(map("name", map("eq'", "x")), "Unknown filter operator 'eq''");
        rejects(map("name", map("=", "x")), "Unknown filter operator '='");
    }

    @Test
    void wrong_shapes_are_rejected() {
        rejects(map("status", map("in", "a,b")), "'in' on column 'status' expects a list, got a string");
        rejects(map("status", map("notIn", map("a", 1))), "'notIn' on column 'status' expects a list, got an object");
        rejects(map("status", map("in", List.of(List.of("a")))), "expects a list of single values, found a list");
        rejects(map("version", map("between", List.of(1))), "'between' on column 'version'", "exactly two", "got 1 values");
        rejects(map("version", map("between", List.of(1, 2, 3))), "got 3 values");
        rejects(map("version", map("between", Arrays.asList(1, null))), "exactly two non-null");
        rejects(map("version", map("between", 1)), "'between' on column 'version' expects a list");
        rejects(map("or", map("version", 1)), "'or' expects a non-empty list of condition objects, got an object");
        rejects(map("or", List.of()), "'or' expects a non-empty list", "got an empty list");
        rejects(map("and", List.of("version")), "'and' expects a list of condition objects, found a string");
        rejects(map("not", List.of(map("version", 1))), "'not' expects one condition object, got a list");
        rejects(map("not", map()), "Empty condition object in 'not'");
        rejects(map("version", map()), "column 'version' has an empty operator object");
        rejects(map("status", List.of("a", "b")), "column 'status' got a list; use an operator such as 'in'");
        rejects(map("version", map("gt", null)), "'gt' on column 'version' needs a value, not null");
        rejects(map("version", map("gt", List.of(1))), "'gt' on column 'version' expects a single value, got a list");
        rejects(map("version", map("contains", "1")), "'contains' needs a text column; 'version' is Integer");
        rejects(map("name", map("like", 5)), "'like' on column 'name' expects a string, got a number");
        rejects(map("name", map("contains", null)), "'contains' on column 'name' expects a string, got null");
        Map<Object, Object> nonStringKey = new HashMap<>();
        nonStringKey.put(1, "x");
        @SuppressWarnings("unchecked")
        Map<String, ?> raw = (Map<String, ?>) (Map<?, ?>) nonStringKey;
        rejects(raw, "Filter keys must be strings");
    }

    @Test
    void bad_values_name_the_column_and_never_become_null() {
        rejects(map("version", "abc"), "Filter column 'version': 'abc' is not a valid Integer");
        rejects(map("version", map("gte", "18.5")), "'18.5' is not a valid Integer");
        rejects(map("version", 18.5), "'18.5' is not a valid Integer");
        rejects(map("version", "99999999999"), "is not a valid Integer");
        rejects(map("version", ""), "'' is not a valid Integer");
        rejects(map("version", "1e999999999"), "is not a valid Integer");
        rejects(map("id", true), "'true' is not a valid Long");
        rejects(map("created_at", "yesterday"), "Filter column 'created_at': 'yesterday' is not a valid LocalDateTime");
        rejects(map("status", map("in", List.of("a", Map.of()))), "found an object");
        rejects(map("version", map("in", List.of("1", "x"))), "'x' is not a valid Integer");
        rejects(map("name", map("eq", Map.of("a", 1))), "'eq' on column 'name' expects a single value, got an object");
    }

    @Test
    void nesting_and_size_limits_are_enforced_and_configurable() {
        Map<String, Object> deep = map("version", 1);
        for (int i = 0; i < 16; i++) {
            deep = map("not", deep);
        }
        rejects(deep, "nested deeper than 16 levels");
        Map<String, Object> fine = map("version", 1);
        for (int i = 0; i < 15; i++) {
            fine = map("not", fine);
        }
        assertThat(parsed(fine)).contains("\"users\".\"version\" = 1");

        List<Object> deepOr = new ArrayList<>(List.of(map("version", 1)));
        Map<String, Object> orChain = map("or", deepOr);
        for (int i = 0; i < 20; i++) {
            orChain = map("or", List.of(orChain));
        }
        rejects(orChain, "nested deeper than 16 levels");

        List<Integer> thousand = IntStream.range(0, 1000).boxed().toList();
        assertThat(parsed(map("version", map("in", thousand)))).contains("999)");
        List<Integer> tooMany = IntStream.range(0, 1001).boxed().toList();
        rejects(map("version", map("in", tooMany)), "'in' on column 'version' has 1001 values; at most 1000 are allowed");

        List<Map<String, Object>> terms = IntStream.range(0, 101).mapToObj(i -> map("version", i)).toList();
        rejects(map("or", terms), "more than 100 conditions");

        FilterParser strict = FilterParser.defaults().withMaxDepth(2).withMaxTerms(3).withMaxListSize(2);
        assertThatThrownBy(() -> strict.parse(map("not", map("not", map("version", 1))), COLUMNS)).hasMessageContaining("deeper than 2");
        assertThatThrownBy(() -> strict.parse(map("version", map("in", List.of(1, 2, 3))), COLUMNS)).hasMessageContaining("at most 2");
        assertThatThrownBy(() -> strict.parse(map("version", map("gt", 1, "lt", 5, "ne", 3), "name", "x"), COLUMNS))
                .hasMessageContaining("more than 3 conditions");
        assertThatThrownBy(() -> FilterParser.defaults().withMaxTerms(0)).isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------ query-parameter form

    @Test
    void query_parameters_parse_brackets_and_comma_lists() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("name", "x");
        params.put("version[gte]", "2");
        params.put("version[lt]", "9");
        params.put("status[in]", "active,closed");
        params.put("tenant_id[isNull]", "");
        params.put("sort", "-name");
        String s = sql(FilterParser.defaults().withIgnoredParameters("sort", "page").parseQuery(params, COLUMNS));
        assertThat(s).isEqualTo("(\"users\".\"name\" = 'x' and \"users\".\"version\" >= 2 and \"users\".\"version\" < 9 "
                + "and \"users\".\"status\" in ('active', 'closed') and \"users\".\"tenant_id\" is null)");
        assertThat(sql(Filter.parseQuery(Map.of("status[in]", ""), COLUMNS))).isEqualTo("false");
        assertThat(sql(Filter.parseQuery(Map.of("version[between]", "2,4"), COLUMNS))).isEqualTo("\"users\".\"version\" between 2 and 4");
    }

    @Test
    void query_parameter_errors() {
        assertThatThrownBy(() -> Filter.parseQuery(Map.of("sort", "-name"), COLUMNS)).hasMessageContaining("Unknown filter column 'sort'");
        assertThatThrownBy(() -> Filter.parseQuery(Map.of("version[gte][x]", "1"), COLUMNS))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("Malformed filter parameter 'version[gte][x]'");
        assertThatThrownBy(() -> Filter.parseQuery(Map.of("version[", "1"), COLUMNS)).hasMessageContaining("Malformed");
        assertThatThrownBy(() -> Filter.parseQuery(Map.of("version[gte]", "abc"), COLUMNS))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("'abc' is not a valid Integer");
        assertThatThrownBy(() -> Filter.parseQuery(Map.of("version[between]", "1,2,3"), COLUMNS)).hasMessageContaining("got 3 values");
        assertThatThrownBy(() -> Filter.parseQuery(Map.of("version[bogus]", "1"), COLUMNS)).hasMessageContaining("Unknown filter operator 'bogus'");
        assertThatThrownBy(() -> Filter.parseQuery(Map.of("or[eq]", "1"), COLUMNS)).hasMessageContaining("not supported in query parameters");
        Map<String, String> twice = new LinkedHashMap<>();
        twice.put("name", "a");
        twice.put("name[eq]", "b");
        assertThatThrownBy(() -> Filter.parseQuery(twice, COLUMNS)).hasMessageContaining("'eq' on column 'name' is given more than once");
    }

    // ------------------------------------------------------------------ typed builder errors

    @Test
    void typed_builder_refuses_null_where_null_has_no_meaning() {
        assertThatThrownBy(() -> Filter.gt(USERS.VERSION, null)).isInstanceOf(BadRequestException.class)
                .hasMessage("Filter operator 'gt' on column 'version' needs a value, not null");
        assertThatThrownBy(() -> Filter.between(USERS.VERSION, 1, null)).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> Filter.contains(USERS.NAME, null)).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> Filter.in(USERS.VERSION, (List<Integer>) null)).isInstanceOf(BadRequestException.class);
        assertThat(sql(Filter.or())).isEqualTo("false");
        assertThat(Filter.and()).isEqualTo(DSL.noCondition());
    }

    // ------------------------------------------------------------------ whitelist and sort

    @Test
    void whitelist_construction_rules() {
        assertThat(FilterColumns.allOf(USERS).names()).contains("id", "email", "deleted_at").hasSize(USERS.fields().length);
        assertThat(FilterColumns.allOf(USERS).without("deleted_at").names()).doesNotContain("deleted_at");
        assertThat(COLUMNS.without(USERS.CREATED_AT).names()).doesNotContain("created_at", "createdAt");
        assertThatThrownBy(() -> FilterColumns.of(USERS.ID, POSTS.ID)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'id' is already defined");
        assertThat(FilterColumns.builder().add(USERS.ID).add("post_id", POSTS.ID).build().names()).containsExactly("id", "post_id");
        for (String bad : List.of("or", "and", "not", "$x", "-x", "+x", "a[b]", "a,b", "a b", "")) {
            assertThatThrownBy(() -> FilterColumns.builder().add(bad, USERS.ID)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> COLUMNS.require("nope")).isInstanceOf(BadRequestException.class);
        assertThat(COLUMNS.require("createdAt")).isSameAs(USERS.CREATED_AT);
    }

    @Test
    void sort_parses_directions_over_the_whitelist() {
        assertThat(Sorting.parse("name,-createdAt, +id", COLUMNS))
                .containsExactly(USERS.NAME.asc(), USERS.CREATED_AT.desc(), USERS.ID.asc());
        assertThat(Sorting.parse(List.of("-version"), COLUMNS)).containsExactly(USERS.VERSION.desc());
        assertThat(Sorting.parse("  ", COLUMNS)).isEmpty();
        assertThat(Sorting.parse((String) null, COLUMNS)).isEmpty();
        assertThatThrownBy(() -> Sorting.parse("name,password", COLUMNS)).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("Unknown sort column 'password'");
        assertThatThrownBy(() -> Sorting.parse("name,,id", COLUMNS)).isInstanceOf(BadRequestException.class).hasMessageContaining("empty key");
        assertThatThrownBy(() -> Sorting.parse("name,-", COLUMNS)).isInstanceOf(BadRequestException.class).hasMessageContaining("empty key");
        assertThatThrownBy(() -> Sorting.parse("created_at,-createdAt", COLUMNS)).hasMessageContaining("more than once");
        assertThatThrownBy(() -> Sorting.parse("name desc", COLUMNS)).hasMessageContaining("Unknown sort column 'name desc'");
        assertThatThrownBy(() -> Sorting.parse("name;drop table users", COLUMNS)).isInstanceOf(BadRequestException.class);
        String seventeen = String.join(",", java.util.Collections.nCopies(17, "name"));
        assertThatThrownBy(() -> Sorting.parse(seventeen, COLUMNS)).hasMessageContaining("at most 16");
    }
}
