package dev.kysera.repository;

import static dev.kysera.testsupport.schema.Tables.ACCOUNTS;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.filter.FilterColumns;
import dev.kysera.core.filter.InvalidParameterException;
import dev.kysera.core.filter.ListRequestParser;
import dev.kysera.core.error.BadRequestException;
import dev.kysera.core.page.CursorPage;
import dev.kysera.core.page.SortDirection;
import dev.kysera.core.page.SortKey;
import dev.kysera.executor.Executor;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.Converter;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ListRequestParserTest {

    enum Status { ACTIVE, SUSPENDED, CLOSED }

    /** A Java enum over the text column, stored lower case. */
    static final Field<Status> STATUS = DSL.field(USERS.STATUS.getQualifiedName(), USERS.STATUS.getDataType().asConvertedDataType(
            Converter.ofNullable(String.class, Status.class, s -> Status.valueOf(s.toUpperCase(Locale.ROOT)),
                    s -> s.name().toLowerCase(Locale.ROOT))));

    record Opaque(byte[] bytes) {
    }

    record Row(long id, Status status, LocalDateTime createdAt) {
    }

    static final ListRequestParser USERS_PARSER = ListRequestParser.builder(
                    FilterColumns.builder().add("status", STATUS).add(USERS.NAME, USERS.CREATED_AT, USERS.VERSION).build(), USERS.ID)
            .ignore("fields")
            .build();

    private static Map<String, List<String>> params(String... pairs) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            params.computeIfAbsent(pair.substring(0, eq), k -> new ArrayList<>()).add(pair.substring(eq + 1));
        }
        return params;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "limit=abc               | limit",
        "limit=0                 | limit",
        "limit=101               | limit",
        "limit=99999999999999    | limit",
        "limit=5&limit=6         | limit",
        "cursor=a&cursor=b       | cursor",
        "sort=password           | sort",
        "sort=name,,id           | sort",
        "sort=name&sort=name     | sort",
        "password=x              | password",
        "status[bogus]=ACTIVE    | status[bogus]",
        "status=asleep           | status",
        "version[gte]=abc        | version[gte]",
        "created_at[lt]=yesterday| created_at[lt]",
        "name=a&name=b           | name",
    })
    void every_bad_input_is_an_invalid_parameter_naming_it(String query, String parameter) {
        Map<String, List<String>> params = params(query.split("&"));
        assertThatThrownBy(() -> USERS_PARSER.parseMultiValued(params))
                .isInstanceOf(InvalidParameterException.class).isInstanceOf(BadRequestException.class)
                .hasMessageStartingWith("Parameter '" + parameter + "'")
                .satisfies(e -> assertThat(((InvalidParameterException) e).parameter()).isEqualTo(parameter))
                .extracting(e -> ((BadRequestException) e).code()).isEqualTo(BadRequestException.CODE);
    }

    @Test
    void the_tie_breaker_is_added_only_when_the_sort_lacks_it() {
        Function<String, List<String>> keys = query -> USERS_PARSER.parseMultiValued(params(query.split("&"))).sort().keys().stream()
                .map(k -> k.name() + " " + k.direction()).toList();
        assertThat(keys.apply("sort=name")).containsExactly("name ASC", "id ASC");
        assertThat(keys.apply("sort=-id")).containsExactly("id DESC");
        assertThat(keys.apply("sort=-created_at&sort=id")).containsExactly("created_at DESC", "id ASC");
        assertThat(keys.apply("fields=a")).containsExactly("id ASC");
        var newestFirst = ListRequestParser.builder(FilterColumns.of(USERS.CREATED_AT), USERS.ID).defaultSort("-created_at").build();
        assertThat(newestFirst.parse(Map.of()).sort().keys()).extracting(SortKey::name, SortKey::direction)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("created_at", SortDirection.DESC),
                        org.assertj.core.groups.Tuple.tuple("id", SortDirection.ASC));
    }

    @Test
    void limit_and_cursor_defaults_and_single_valued_maps() {
        var request = USERS_PARSER.parse(Map.of("limit", " 100 ", "cursor", ""));
        assertThat(request.page().size()).isEqualTo(100);
        assertThat(request.page().cursor()).isEmpty();
        assertThat(USERS_PARSER.parse(Map.of()).page().size()).isEqualTo(ListRequestParser.DEFAULT_LIMIT);
        assertThat(USERS_PARSER.parse(Map.of("status", "ACTIVE")).where().toString()).contains("status");
    }

    @Test
    void misconfiguration_fails_when_the_parser_is_built() {
        assertThatThrownBy(() -> ListRequestParser.builder(FilterColumns.of(USERS.NAME), USERS.ID).defaultLimit(200).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ListRequestParser.builder(FilterColumns.of(USERS.NAME), USERS.ID).defaultSort("email").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("email");
        assertThatThrownBy(() -> ListRequestParser.builder(FilterColumns.of(USERS.NAME), USERS.ID).parameterNames("sort", "sort", "c").build())
                .isInstanceOf(IllegalArgumentException.class);
        Field<Opaque> opaque = DSL.field(DSL.name("blob"), org.jooq.impl.SQLDataType.BLOB.asConvertedDataType(
                Converter.ofNullable(byte[].class, Opaque.class, Opaque::new, Opaque::bytes)));
        assertThatThrownBy(() -> ListRequestParser.builder(FilterColumns.of(opaque), USERS.ID).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blob");
    }

    private static <T> List<T> walk(ListRequestParser parser, Repository<T, ?, ?, ?> repository, String query) {
        List<T> all = new ArrayList<>();
        String cursor = null;
        for (int pages = 0; pages < 50; pages++) {
            Map<String, List<String>> params = params(query.split("&"));
            if (cursor != null) {
                params.put("cursor", List.of(cursor));
            }
            CursorPage<T> page = parser.parseMultiValued(params).fetch(repository::findKeyset);
            all.addAll(page.content());
            if (!page.hasNext()) {
                return all;
            }
            cursor = page.nextCursor().orElseThrow();
        }
        throw new AssertionError("more than 50 pages");
    }

    private static Repository<Row, Long, Values, Values> users(TestDatabase db) {
        db.useTestSchema();
        var users = Repository.builder(USERS, USERS.ID).select(USERS.ID, STATUS, USERS.CREATED_AT)
                .mapper(r -> new Row(r.get(USERS.ID), r.get(STATUS), r.get(USERS.CREATED_AT)))
                .build(Executor.of(db.dsl()));
        String[] statuses = {"suspended", "active", "closed", "active", "suspended", "active", "closed"};
        for (int i = 0; i < statuses.length; i++) {
            users.create(Values.of(USERS.EMAIL, "u" + i + "@example.com").set(USERS.NAME, "u" + i).set(USERS.STATUS, statuses[i])
                    .set(USERS.CREATED_AT, LocalDateTime.of(2026, 1, 1 + i % 3, 12, 0)));
        }
        return users;
    }

    @MatrixTest
    void an_enum_column_pages_by_its_stored_value_and_filters_by_constant(TestDatabase db) {
        var users = users(db);
        List<Long> expected = db.dsl().select(USERS.ID).from(USERS).orderBy(USERS.STATUS.desc(), USERS.ID).fetch(USERS.ID);
        assertThat(walk(USERS_PARSER, users, "sort=-status&limit=2")).extracting(Row::id).containsExactlyElementsOf(expected);

        List<Long> live = db.dsl().select(USERS.ID).from(USERS).where(USERS.STATUS.in("active", "suspended"))
                .orderBy(USERS.STATUS, USERS.ID).fetch(USERS.ID);
        assertThat(walk(USERS_PARSER, users, "status[in]=ACTIVE&status[in]=SUSPENDED&sort=status&limit=3"))
                .extracting(Row::id).containsExactlyElementsOf(live)
                .hasSize(5);
    }

    @MatrixTest
    void dates_with_ties_page_exactly_with_the_tie_breaker(TestDatabase db) {
        var users = users(db);
        List<Long> expected = db.dsl().select(USERS.ID).from(USERS).orderBy(USERS.CREATED_AT.desc(), USERS.ID).fetch(USERS.ID);
        assertThat(walk(USERS_PARSER, users, "sort=-created_at&limit=2")).extracting(Row::id).containsExactlyElementsOf(expected);
    }

    @MatrixTest
    void numbers_and_uuids_page_exactly(TestDatabase db) {
        db.useTestSchema();
        Repository<UUID, UUID, Values, Values> accounts = Repository.builder(ACCOUNTS, ACCOUNTS.ID).mapper(r -> r.get(ACCOUNTS.ID))
                .build(Executor.of(db.dsl()));
        for (int i = 0; i < 9; i++) {
            accounts.create(Values.of(ACCOUNTS.ID, UUID.randomUUID()).set(ACCOUNTS.OWNER, "o" + i)
                    .set(ACCOUNTS.BALANCE, BigDecimal.valueOf(i % 4, 1)));
        }
        var parser = ListRequestParser.builder(FilterColumns.of(ACCOUNTS.OWNER, ACCOUNTS.BALANCE), ACCOUNTS.ID).build();
        List<UUID> byBalance = db.dsl().select(ACCOUNTS.ID).from(ACCOUNTS).orderBy(ACCOUNTS.BALANCE.desc(), ACCOUNTS.ID).fetch(ACCOUNTS.ID);
        assertThat(walk(parser, accounts, "sort=-balance&limit=2")).containsExactlyElementsOf(byBalance);
        List<UUID> byId = db.dsl().select(ACCOUNTS.ID).from(ACCOUNTS).orderBy(ACCOUNTS.ID.desc()).fetch(ACCOUNTS.ID);
        assertThat(walk(parser, accounts, "sort=-id&limit=4")).containsExactlyElementsOf(byId);
    }

    @MatrixTest
    void a_tampered_or_foreign_cursor_names_the_cursor_parameter(TestDatabase db) {
        var users = users(db);
        CursorPage<Row> first = USERS_PARSER.parseMultiValued(params("sort=status", "limit=2")).fetch(users::findKeyset);
        String cursor = first.nextCursor().orElseThrow();
        assertThatThrownBy(() -> USERS_PARSER.parseMultiValued(params("sort=-created_at", "limit=2", "cursor=" + cursor)).fetch(users::findKeyset))
                .isInstanceOf(InvalidParameterException.class).extracting(e -> ((InvalidParameterException) e).parameter())
                .isEqualTo("cursor");
        assertThatThrownBy(() -> USERS_PARSER.parseMultiValued(params("sort=status", "cursor=x" + cursor)).fetch(users::findKeyset))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("cursor");
    }
}
