package dev.kysera.executor;

import static dev.kysera.executor.CorpusData.ALICE;
import static dev.kysera.testsupport.schema.Tables.POSTS;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.asterisk;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;

import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** The {@link ColumnMask} role: every reference to a masked column reads the mask, never the stored value. */
class ColumnMaskTest {

    /** Users' e-mail reads as NULL except on alice's row. */
    private static DSLContext masked(TestDatabase db) {
        CorpusData.seed(db);
        Plugin mask = new Plugin() {
            public String name() {
                return "mask";
            }

            public boolean appliesTo(TableReference table) {
                return table.is("users");
            }

            public void register(PluginRoles roles) {
                roles.columnMask((table, ctx) -> Map.of("email", DSL.when(table.field("id", SQLDataType.BIGINT).eq(ALICE),
                        table.field("email", SQLDataType.VARCHAR)).otherwise(DSL.inline(null, SQLDataType.VARCHAR))));
            }
        };
        return Executor.of(db.dsl(), mask).dsl();
    }

    @MatrixTest
    void select_lists_stars_where_and_subqueries_read_the_mask(TestDatabase db) {
        DSLContext dsl = masked(db);
        assertThat(dsl.select(USERS.EMAIL).from(USERS).orderBy(USERS.ID).fetch(USERS.EMAIL))
                .containsExactly("alice@example.com", null, null, null, null);
        var u = USERS.as("u");
        assertThat(dsl.select(asterisk()).from(u).where(u.EMAIL.isNotNull()).fetch().getValues("name", String.class))
                .containsExactly("alice");
        assertThat(dsl.select(POSTS.TITLE).from(POSTS).where(POSTS.USER_ID.in(select(USERS.ID).from(USERS)
                .where(USERS.EMAIL.like("carol%")))).fetch()).isEmpty();
        // Writes of the target are not masked: the plugin decides about them with its write rules.
        assertThat(dsl.update(USERS).set(USERS.NAME, "x").where(USERS.ID.eq(ALICE)).execute()).isEqualTo(1);
    }

    @MatrixTest
    void writes_testing_a_masked_column_of_their_target_are_refused_by_default(TestDatabase db) {
        DSLContext dsl = masked(db);
        var before = db.dsl().selectFrom(USERS).orderBy(USERS.ID).fetch();
        assertThatThrownBy(() -> dsl.update(USERS).set(USERS.NAME, "x").where(USERS.EMAIL.like("carol%")).execute())
                .isInstanceOf(UnsupportedStatementException.class).hasMessageContaining("masked columns [email]");
        assertThatThrownBy(() -> dsl.deleteFrom(USERS).where(DSL.field(name("email")).eq("carol@example.com")).execute())
                .isInstanceOf(UnsupportedStatementException.class).hasMessageContaining("masked columns [email]");
        assertThat(db.dsl().selectFrom(USERS).orderBy(USERS.ID).fetch()).isEqualTo(before);
        // Another occurrence of the table, in a subquery, reads the mask: no refusal, and carol's e-mail is not found.
        assertThat(dsl.deleteFrom(POSTS).where(POSTS.USER_ID.in(select(USERS.ID).from(USERS).where(USERS.EMAIL.like("carol%"))))
                .execute()).isZero();
    }

    @MatrixTest
    void a_masked_table_without_known_columns_is_refused(TestDatabase db) {
        DSLContext dsl = masked(db);
        assertThatThrownBy(() -> dsl.select(asterisk()).from(table(name("users"))).fetch())
                .isInstanceOf(UnsupportedStatementException.class);
        assertThat(dsl.selectFrom(table(name("posts"))).fetch()).hasSize(5);
    }
}
