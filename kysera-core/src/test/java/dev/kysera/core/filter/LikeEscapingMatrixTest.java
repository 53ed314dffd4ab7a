package dev.kysera.core.filter;

import static dev.kysera.core.filter.FilterMatrixTest.map;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;

/** LIKE wildcards and escaping, on every database (MariaDB treats backslash specially in literals and LIKE). */
class LikeEscapingMatrixTest {

    static final List<String> NAMES = List.of("50% off", "hello_world", "path\\to\\file", "Normal User",
            "100%_done\\finished", "sale: 50% discount", "var_name_here");

    static final FilterColumns COLUMNS = FilterColumns.of(USERS.NAME, USERS.EMAIL);

    private static void seed(TestDatabase db) {
        db.useTestSchema();
        var insert = db.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME);
        for (int i = 0; i < NAMES.size(); i++) {
            insert = insert.values("like" + i + "@example.com", NAMES.get(i));
        }
        assertThat(insert.execute()).isEqualTo(NAMES.size());
        // the data went in unchanged (backslashes included)
        assertThat(db.dsl().select(USERS.NAME).from(USERS).fetch(USERS.NAME)).containsExactlyInAnyOrderElementsOf(NAMES);
    }

    private static List<String> names(TestDatabase db, Condition condition) {
        return db.dsl().select(USERS.NAME).from(USERS).where(condition).fetch(USERS.NAME);
    }

    private static List<String> parsed(TestDatabase db, String op, String value) {
        return names(db, Filter.parse(map("name", map(op, value)), COLUMNS));
    }

    @MatrixTest
    void contains_starts_with_and_ends_with_match_literally(TestDatabase db) {
        seed(db);
        assertThat(names(db, Filter.contains(USERS.NAME, "%")))
                .containsExactlyInAnyOrder("50% off", "100%_done\\finished", "sale: 50% discount");
        assertThat(names(db, Filter.contains(USERS.NAME, "_")))
                .containsExactlyInAnyOrder("hello_world", "100%_done\\finished", "var_name_here");
        assertThat(names(db, Filter.contains(USERS.NAME, "\\")))
                .containsExactlyInAnyOrder("path\\to\\file", "100%_done\\finished");
        assertThat(names(db, Filter.startsWith(USERS.NAME, "_"))).isEmpty();
        assertThat(names(db, Filter.startsWith(USERS.NAME, "%"))).isEmpty();
        assertThat(names(db, Filter.contains(USERS.NAME, ""))).hasSize(7);
        assertThat(names(db, Filter.contains(USERS.NAME, "50%"))).containsExactlyInAnyOrder("50% off", "sale: 50% discount");
        assertThat(names(db, Filter.contains(USERS.NAME, "%_"))).containsExactly("100%_done\\finished");
        assertThat(names(db, Filter.endsWith(USERS.NAME, "\\finished"))).containsExactly("100%_done\\finished");
        assertThat(names(db, Filter.startsWith(USERS.NAME, "path\\t"))).containsExactly("path\\to\\file");
        assertThat(names(db, Filter.contains(USERS.NAME, "!"))).isEmpty();

        // the same through the map form
        assertThat(parsed(db, "contains", "%")).hasSize(3);
        assertThat(parsed(db, "contains", "_")).hasSize(3);
        assertThat(parsed(db, "contains", "\\")).hasSize(2);
        assertThat(parsed(db, "startsWith", "_")).isEmpty();
        assertThat(parsed(db, "contains", "")).hasSize(7);
        assertThat(parsed(db, "endsWith", "_here")).containsExactly("var_name_here");
        assertThat(names(db, Filter.parseQuery(Map.of("name[contains]", "%"), COLUMNS))).hasSize(3);
    }

    @MatrixTest
    void raw_like_keeps_wildcards_and_treats_backslash_literally(TestDatabase db) {
        seed(db);
        assertThat(parsed(db, "like", "hello_world")).containsExactly("hello_world");
        assertThat(parsed(db, "like", "hello%")).containsExactly("hello_world");
        assertThat(parsed(db, "like", "hello")).isEmpty();
        assertThat(parsed(db, "like", "var_name%")).containsExactly("var_name_here");
        // backslash is not an escape: '\t' and '\f' stay two characters
        assertThat(parsed(db, "like", "path\\to\\file")).containsExactly("path\\to\\file");
        assertThat(parsed(db, "like", "100%\\finished")).containsExactly("100%_done\\finished");
        assertThat(parsed(db, "like", "%\\%")).containsExactlyInAnyOrder("path\\to\\file", "100%_done\\finished");
        assertThat(parsed(db, "like", "%")).hasSize(7);
        // a caller-chosen escape character, backslash included (rendered as '\\' on MariaDB by jOOQ)
        assertThat(names(db, Filter.like(USERS.NAME, "50\\%%", '\\'))).containsExactly("50% off");
        assertThat(names(db, Filter.like(USERS.NAME, "%#_here", '#'))).containsExactly("var_name_here");
        assertThat(names(db, Filter.ilike(USERS.NAME, "HELLO#_%", '#'))).containsExactly("hello_world");
    }

    @MatrixTest
    void the_escape_character_itself_is_literal_in_input(TestDatabase db) {
        seed(db);
        db.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values("bang@example.com", "bang!_x").values("bang2@example.com", "bang!!x")
                .execute();
        assertThat(names(db, Filter.contains(USERS.NAME, "!_"))).containsExactly("bang!_x");
        assertThat(names(db, Filter.contains(USERS.NAME, "!!"))).containsExactly("bang!!x");
        assertThat(names(db, Filter.contains(USERS.NAME, "!"))).containsExactlyInAnyOrder("bang!_x", "bang!!x");
        // raw like: '!' literal, '_' still a wildcard
        assertThat(parsed(db, "like", "bang!_x")).containsExactlyInAnyOrder("bang!_x", "bang!!x");
        assertThat(parsed(db, "like", "bang!!x")).containsExactly("bang!!x");
        assertThat(parsed(db, "like", "bang!")).isEmpty();
    }

    @MatrixTest
    void ilike_and_ignore_case_variants_fold_case_on_every_database(TestDatabase db) {
        seed(db);
        assertThat(parsed(db, "ilike", "normal user")).containsExactly("Normal User");
        assertThat(parsed(db, "ilike", "NORMAL%")).containsExactly("Normal User");
        assertThat(parsed(db, "containsIgnoreCase", "USER")).containsExactly("Normal User");
        assertThat(parsed(db, "containsIgnoreCase", "50% OFF")).containsExactly("50% off");
        assertThat(parsed(db, "startsWithIgnoreCase", "SALE: 50%")).containsExactly("sale: 50% discount");
    }

    @MatrixTest
    void plain_like_case_sensitivity_follows_the_database(TestDatabase db) {
        seed(db);
        // documented, not hidden: SQLite's LIKE folds ASCII case and MariaDB's default _ci collation
        // compares case-insensitively; PostgreSQL and H2 compare case-sensitively.
        boolean insensitive = db.engine() == Engine.SQLITE || db.engine() == Engine.MARIADB;
        assertThat(parsed(db, "like", "normal%")).hasSize(insensitive ? 1 : 0);
        assertThat(parsed(db, "contains", "USER")).hasSize(insensitive ? 1 : 0);
        assertThat(parsed(db, "like", "Normal%")).containsExactly("Normal User");
    }

    @MatrixTest
    void jooqs_own_contains_agrees_but_escapes_inside_the_sql(TestDatabase db) {
        seed(db);
        // jOOQ's Field.contains escapes server-side with nested replace(...) calls and ESCAPE '!';
        // it is correct on all four databases. Filter escapes in Java and binds the finished pattern.
        for (String value : List.of("%", "_", "\\", "!", "50%", "%_", "")) {
            assertThat(names(db, Filter.contains(USERS.NAME, value))).as(value)
                    .containsExactlyInAnyOrderElementsOf(names(db, USERS.NAME.contains(value)));
        }
        assertThat(db.dsl().render(USERS.NAME.contains("x"))).contains("replace(");
        assertThat(db.dsl().render(Filter.contains(USERS.NAME, "x"))).doesNotContain("replace(").contains("escape '!'");
    }
}
