package dev.kysera.dal;

import dev.kysera.executor.testplugins.TestPlugins;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.executor.Executor;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.util.Optional;
import org.jooq.Isolation;

/** The README's example, on the test schema (the schema-scoped part is in SchemaContextTest). */
class ReadmeExampleTest {

    static final DbQuery<Long, Optional<String>> NAME_BY_ID = DbQuery.of((ctx, id) ->
            ctx.dsl().select(USERS.NAME).from(USERS).where(USERS.ID.eq(id)).fetchOptional(USERS.NAME));

    static final DbQuery<Void, Integer> COUNT = DbQuery.of(ctx -> ctx.dsl().fetchCount(USERS));

    static final DbQuery<Long, Integer> DEACTIVATE = DbQuery.transactional((ctx, id) ->
            ctx.dsl().update(USERS).set(USERS.STATUS, "closed").where(USERS.ID.eq(id)).execute());

    @MatrixTest
    void the_readme_example_runs(TestDatabase db) {
        Fixtures.seed(db);
        try (Executor executor = Executor.builder().dataSource(db.dataSource(), db.dialect()).plugin(new TestPlugins.Tenant()).build()) {
            DbContext ctx = DbContext.of(executor).with(TestPlugins.TENANT, 1);

            assertThat(NAME_BY_ID.run(ctx, Fixtures.ALICE)).contains("alice");
            assertThatThrownBy(() -> DEACTIVATE.run(ctx, Fixtures.ALICE)).isInstanceOf(TransactionRequiredException.class);

            int n = Dal.withTransaction(ctx, TransactionOptions.of(Isolation.SERIALIZABLE), tx -> {
                DEACTIVATE.run(tx, Fixtures.ALICE);
                try {
                    Dal.withTransaction(tx, nested -> {
                        DEACTIVATE.run(nested, Fixtures.DAVE);
                        throw new IllegalStateException("undo dave");
                    });
                } catch (IllegalStateException e) {
                    // only the savepoint was rolled back
                }
                return COUNT.run(tx);
            });
            assertThat(n).isEqualTo(4);
            assertThat(db.dsl().select(USERS.ID).from(USERS).where(USERS.STATUS.eq("closed")).fetch(USERS.ID))
                    .containsExactly(Fixtures.ALICE);

            Both<Integer, Optional<String>> both = Dal.parallel(COUNT, NAME_BY_ID.bind(Fixtures.DAVE)).run(ctx);
            assertThat(both).isEqualTo(new Both<>(4, Optional.of("dave")));
        }
    }
}
