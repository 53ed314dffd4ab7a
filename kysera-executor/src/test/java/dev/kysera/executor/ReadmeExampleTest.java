package dev.kysera.executor;

import static dev.kysera.executor.CorpusData.ALICE;
import static dev.kysera.testsupport.schema.Tables.POSTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.error.AccessDeniedException;
import dev.kysera.executor.plan.WrittenValue;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.ReadmeCode;
import dev.kysera.testsupport.TestDatabase;
import dev.kysera.testsupport.schema.tables.records.PostsRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;

/** The README's example, as written there, on every database; and a check that the README shows this code. */
class ReadmeExampleTest {

    @MatrixTest
    void the_readme_example_runs(TestDatabase db) {
        CorpusData.seed(db);
        DataSource dataSource = db.dataSource();
        SQLDialect dialect = db.dialect();
        var before = db.dsl().selectFrom(POSTS).orderBy(POSTS.ID).fetch();

        ContextKey<Integer> TENANT = ContextKey.of("tenant", Integer.class);
        BypassToken maintenance = BypassToken.create("nightly maintenance");

        Plugin tenancy = new Plugin() {
            public String name() { return "tenancy"; }
            public boolean appliesTo(TableReference table) { return table.is("posts"); }
            public void register(PluginRoles roles) {
                roles.rowFilter((table, operation, ctx) -> Optional.of(ctx.get(TENANT)
                                .map(id -> table.field("tenant_id", SQLDataType.INTEGER).eq(id))
                                .orElse(DSL.falseCondition())))
                        .writeValues((table, operation, ctx) -> operation == Operation.INSERT
                                ? ctx.get(TENANT).map(id -> List.of(Assignment.of("tenant_id", id))).orElse(List.of())
                                : List.of())
                        .writeRule((table, operation, image, ctx) -> switch (image.value("tenant_id").orElse(null)) {
                            case null -> operation == Operation.INSERT ? Verdict.refuse("no tenant") : Verdict.allow();
                            case WrittenValue.Constant written -> Objects.equals(written.value(), ctx.get(TENANT).orElse(null))
                                    ? Verdict.allow() : Verdict.refuse("a row of another tenant");
                            case WrittenValue.Computed written -> Verdict.require(written.expression().cast(Integer.class).eq(ctx.get(TENANT).orElse(-1)));
                            default -> Verdict.refuse("tenant_id cannot be checked");
                        })
                        .enforcement(token -> token == maintenance);
            }
        };

        try (Executor executor = Executor.builder().dataSource(dataSource, dialect).plugin(tenancy).build()) {
            DSLContext dsl = executor.with(TENANT, 42).dsl();
            dsl.insertInto(POSTS, POSTS.ID, POSTS.USER_ID, POSTS.TITLE).values(9001L, ALICE, "hello").execute();
            Result<PostsRecord> mine = dsl.selectFrom(POSTS).fetch();
            assertThatThrownBy(() -> dsl.update(POSTS).set(POSTS.TENANT_ID, 7).execute()).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> dsl.execute("truncate table posts")).isInstanceOf(UnsupportedStatementException.class);
            int everyTenant = executor.bypassing(maintenance).dsl().fetchCount(POSTS);

            assertThat(mine).extracting(PostsRecord::getTitle).containsExactly("hello");
            assertThat(mine.getFirst().getTenantId()).isEqualTo(42);
            assertThat(everyTenant).isEqualTo(before.size() + 1);
            assertThat(db.dsl().selectFrom(POSTS).where(POSTS.ID.ne(9001L)).orderBy(POSTS.ID).fetch()).isEqualTo(before);
        }
    }

    @Test
    void the_readme_shows_this_code() {
        assertThat(ReadmeCode.linesNotIn(Path.of("README.md"), Path.of("src/test/java/dev/kysera/executor/ReadmeExampleTest.java")))
                .as("README lines not in this test").isEmpty();
    }
}
