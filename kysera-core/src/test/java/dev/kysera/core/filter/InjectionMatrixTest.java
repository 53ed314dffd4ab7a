package dev.kysera.core.filter;

import static dev.kysera.core.filter.FilterMatrixTest.map;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.error.BadRequestException;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;

/** Column names, operators and values crafted as SQL are rejected or bound; the table keeps its rows. */
class InjectionMatrixTest {

    private static final FilterColumns COLUMNS = FilterMatrixTest.COLUMNS;

    private static final List<String> HOSTILE_NAMES = List.of(
            "name; drop table users", "name)--", "name = name or 1=1 --", "name' or '1'='1", "\"name\"", "`name`",
            "users.name", "1=1", "name/*", "(select 1)", "NAME", "name\u0000");

    private static final List<String> HOSTILE_VALUES = List.of(
            "' or 1=1 --", "'; drop table users; --", "\\'; drop table users; --", "\" or \"\"=\"", "%' or '1'='1",
            "x') or ('1'='1", "\\", "\\\\'", "1; delete from users");

    private static List<String> names(TestDatabase db, Condition condition) {
        return db.dsl().select(USERS.NAME).from(USERS).where(condition).orderBy(USERS.NAME).fetch(USERS.NAME);
    }

    private static void assertIntact(TestDatabase db) {
        assertThat(db.dsl().fetchCount(USERS)).isEqualTo(6);
        assertThat(db.dsl().select(USERS.NAME).from(USERS).orderBy(USERS.NAME).fetch(USERS.NAME))
                .containsExactly("' or 1=1 --", "alice", "bob", "carol", "dave", "erin");
    }

    private static void seed(TestDatabase db) {
        FilterMatrixTest.seed(db);
        db.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values("evil@example.com", "' or 1=1 --").execute();
    }

    @MatrixTest
    void hostile_column_names_are_rejected(TestDatabase db) {
        seed(db);
        for (String column : HOSTILE_NAMES) {
            assertThatThrownBy(() -> Filter.parse(map(column, "x"), COLUMNS)).as(column)
                    .isInstanceOf(BadRequestException.class).hasMessageContaining("Unknown filter column");
            assertThatThrownBy(() -> Filter.parse(map(column, map("in", List.of("x"))), COLUMNS)).as(column)
                    .isInstanceOf(BadRequestException.class);
            assertThatThrownBy(() -> Filter.parseQuery(Map.of(column + "[eq]", "x"), COLUMNS)).as(column)
                    .isInstanceOf(BadRequestException.class);
            // (Sorting trims blanks around keys, so " name" would be a valid sort key; none of these is)
            assertThatThrownBy(() -> Sorting.parse(column, COLUMNS)).as(column).isInstanceOf(BadRequestException.class);
            assertThatThrownBy(() -> Sorting.parse("-" + column, COLUMNS)).as(column).isInstanceOf(BadRequestException.class);
        }
        assertIntact(db);
    }

    @MatrixTest
    void hostile_operators_are_rejected(TestDatabase db) {
        seed(db);
        for (String op : List.of("eq'", "eq) or 1=1 --", "= 'x' or 1=1", "like' escape '", "in (select", "", " ", "or", "and")) {
            assertThatThrownBy(() -> Filter.parse(map("name", map(op, "x")), COLUMNS)).as(op)
                    .isInstanceOf(BadRequestException.class).hasMessageContaining("Unknown filter operator");
        }
        assertThatThrownBy(() -> Filter.parseQuery(Map.of("name[eq' or 1=1 --]", "x"), COLUMNS))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("Unknown filter operator");
        assertIntact(db);
    }

    @MatrixTest
    void hostile_values_are_bound_as_data(TestDatabase db) {
        seed(db);
        for (String value : HOSTILE_VALUES) {
            assertThat(names(db, Filter.parse(map("name", value), COLUMNS))).as(value)
                    .isEqualTo(value.equals("' or 1=1 --") ? List.of(value) : List.of());
            assertThat(names(db, Filter.parse(map("name", map("ne", value)), COLUMNS))).as(value).hasSizeGreaterThanOrEqualTo(5);
            assertThat(names(db, Filter.parse(map("email", map("contains", value)), COLUMNS))).as(value).isEmpty();
            assertThat(names(db, Filter.parse(map("email", map("like", value)), COLUMNS))).as(value).isEmpty();
            assertThat(names(db, Filter.parse(map("email", map("ilike", value)), COLUMNS))).as(value).isEmpty();
            assertThat(names(db, Filter.parse(map("status", map("in", List.of(value, "nope"))), COLUMNS))).as(value).isEmpty();
            assertThat(names(db, Filter.parseQuery(Map.of("email[startsWith]", value), COLUMNS))).as(value).isEmpty();
            assertThatThrownBy(() -> Filter.parse(map("version", value), COLUMNS)).as(value).isInstanceOf(BadRequestException.class);
        }
        // the stored hostile string is found exactly, literally
        assertThat(names(db, Filter.parse(map("name", map("contains", "' or 1=1")), COLUMNS))).containsExactly("' or 1=1 --");
        assertThatThrownBy(() -> Filter.parse(map("version", "1 or 1=1"), COLUMNS)).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("is not a valid Integer");
        assertIntact(db);
    }

    @MatrixTest
    void rendered_sql_contains_only_whitelisted_identifiers(TestDatabase db) {
        seed(db);
        Condition c = Filter.parse(map("name", map("contains", "drop table users"), "status", "x'y"), COLUMNS);
        String sql = db.dsl().render(db.dsl().selectFrom(USERS).where(c));
        assertThat(sql).doesNotContain("drop table").doesNotContain("x'y");
        assertIntact(db);
    }
}
