package dev.kysera.rls;

import static dev.kysera.rls.Fixtures.AS_ALICE;
import static dev.kysera.rls.Fixtures.as;
import static dev.kysera.rls.Fixtures.contents;
import static dev.kysera.rls.Fixtures.titles;
import static dev.kysera.testsupport.schema.Tables.POSTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.executor.Executor;
import dev.kysera.executor.UnsupportedStatementException;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.util.EnumSet;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Relationship-based access through a membership table: alice (tenant 1) is an editor of carol's
 * post c1 (tenant 2) through post_editors, so she reads and updates it; nothing else of tenant 2.
 */
class RlsRelationshipTest {

    private static final Table<?> EDITORS = DSL.table(DSL.name("post_editors"));
    private static final Field<Long> EDITOR_POST = DSL.field(DSL.name("post_editors", "post_id"), SQLDataType.BIGINT);
    private static final Field<Long> EDITOR_USER = DSL.field(DSL.name("post_editors", "user_id"), SQLDataType.BIGINT);

    private static Executor executor(TestDatabase db) {
        return executor(db, true);
    }

    private static Executor executor(TestDatabase db, boolean declared) {
        Fixtures.seed(db);
        db.dsl().execute("create table if not exists post_editors (post_id bigint not null, user_id bigint not null)");
        db.dsl().deleteFrom(EDITORS).execute();
        db.dsl().insertInto(EDITORS, EDITOR_POST, EDITOR_USER).values(Fixtures.C1, Fixtures.ALICE).execute();
        RlsOptions options = RlsOptions.builder()
                .policy(TablePolicy.forTable("posts")
                        .add(Rule.allow(RlsOperation.READ, s -> s.equal(POSTS.TENANT_ID, s.context().tenantId())).named("tenant_rows"))
                        .add(Policies.relationship(EnumSet.of(RlsOperation.READ, RlsOperation.UPDATE), EDITORS, EDITOR_POST, POSTS.ID,
                                EDITOR_USER))
                        .build())
                .harmless(declared ? new String[] {"post_editors"} : new String[0])
                .build();
        return Executor.of(db.dsl(), RlsPlugin.of(options));
    }

    @MatrixTest
    void a_relationship_grants_exactly_the_related_rows(TestDatabase db) {
        DSLContext alice = as(executor(db), AS_ALICE);
        assertThat(titles(alice)).containsExactly("a1", "a2", "b1", "c1");
        Result<Record> before = contents(db, POSTS);
        // Related: updatable. Unrelated and foreign (d1), or merely in the tenant (no update grant): untouched.
        assertThat(alice.update(POSTS).set(POSTS.TITLE, "edited").where(POSTS.ID.in(Fixtures.C1, Fixtures.D1, Fixtures.A1)).execute())
                .isEqualTo(1);
        assertThat(db.dsl().select(POSTS.ID).from(POSTS).where(POSTS.TITLE.eq("edited")).fetch(POSTS.ID)).containsExactly(Fixtures.C1);
        assertThat(alice.deleteFrom(POSTS).execute()).isZero();
        assertThat(contents(db, POSTS).size()).isEqualTo(before.size());
    }

    @MatrixTest
    void an_undeclared_membership_table_is_refused(TestDatabase db) {
        DSLContext alice = as(executor(db, false), AS_ALICE);
        assertThatThrownBy(() -> titles(alice))
                .isInstanceOf(UnsupportedStatementException.class).hasMessageContaining("post_editors");
    }
}
