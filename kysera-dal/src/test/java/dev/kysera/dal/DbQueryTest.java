package dev.kysera.dal;

import dev.kysera.executor.testplugins.TestPlugins;
import static dev.kysera.dal.Fixtures.ALICE;
import static dev.kysera.dal.Fixtures.DAVE;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.error.KyseraException;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

class DbQueryTest {

    static final DbQuery<Long, Optional<String>> NAME_BY_ID = DbQuery.of((ctx, id) ->
            ctx.dsl().select(USERS.NAME).from(USERS).where(USERS.ID.eq(id)).fetchOptional(USERS.NAME));

    static final DbQuery<Void, List<String>> VISIBLE_NAMES = DbQuery.of(ctx ->
            ctx.dsl().select(USERS.NAME).from(USERS).orderBy(USERS.ID).fetch(USERS.NAME));

    @MatrixTest
    void the_same_query_runs_alike_outside_a_transaction_inside_one_and_in_a_savepoint(TestDatabase db) {
        DbContext ctx = Fixtures.tenantOne(db, Fixtures.sqlLog());
        List<String> outside = VISIBLE_NAMES.run(ctx);
        List<List<String>> inside = Dal.withTransaction(ctx, tx -> {
            assertThat(tx.inTransaction()).isTrue();
            return List.of(VISIBLE_NAMES.run(tx), Dal.withTransaction(tx, VISIBLE_NAMES::run));
        });
        assertThat(outside).containsExactly("alice", "dave", "eve");
        assertThat(inside).containsExactly(outside, outside);
        assertThat(ctx.inTransaction()).isFalse();
        assertThat(NAME_BY_ID.run(ctx.executor().with(TestPlugins.TENANT, 1), ALICE)).contains("alice");
        assertThat(NAME_BY_ID.run(ctx, Fixtures.CAROL)).as("tenant 2's row is filtered").isEmpty();
    }

    @MatrixTest
    void map_then_sequence_bind_and_with_params_compose_typed_steps(TestDatabase db) {
        DbContext ctx = Fixtures.tenantOne(db, Fixtures.sqlLog());
        DbQuery<Long, String> upper = NAME_BY_ID.map(name -> name.orElse("?").toUpperCase());
        DbQuery<String, Integer> countByPrefix = DbQuery.of((c, prefix) ->
                c.dsl().fetchCount(USERS, USERS.NAME.startsWith(prefix.substring(0, 1).toLowerCase())));
        assertThat(upper.run(ctx, DAVE)).isEqualTo("DAVE");
        assertThat(Dal.sequence(NAME_BY_ID.map(n -> n.orElseThrow()), countByPrefix).run(ctx, ALICE)).isEqualTo(1);
        assertThat(Dal.sequence(upper, countByPrefix, DbQuery.<Integer, String>of((c, n) -> "n=" + n)).run(ctx, EVE_ID))
                .isEqualTo("n=1");
        assertThat(NAME_BY_ID.then((c, id, name) -> id + ":" + name.orElseThrow()).run(ctx, ALICE)).isEqualTo("1001:alice");
        assertThat(NAME_BY_ID.<String>withParams(s -> (long) s.length()).run(ctx, "x".repeat(1004))).contains("dave");
        assertThat(NAME_BY_ID.bind(ALICE).run(ctx)).contains("alice");
        assertThat(Dal.mapEach(VISIBLE_NAMES, String::length).run(ctx)).containsExactly(5, 4, 3);
        assertThat(Dal.map(VISIBLE_NAMES, List::size).run(ctx)).isEqualTo(3);
        assertThat(Dal.sequence(List.of(NAME_BY_ID, NAME_BY_ID.map(n -> n.map(String::toUpperCase)))).run(ctx, DAVE))
                .containsExactly(Optional.of("dave"), Optional.of("DAVE"));
        DbQuery<Long, String> conditional = Dal.when((c, id) -> id > 1002, DbQuery.of((c, id) -> "high"), DbQuery.of((c, id) -> "low"));
        assertThat(List.of(conditional.run(ctx, 1001L), conditional.run(ctx, 1003L))).containsExactly("low", "high");
    }

    private static final long EVE_ID = Fixtures.EVE;

    @MatrixTest
    void a_transactional_query_refuses_to_run_without_a_transaction_and_runs_within_one(TestDatabase db) {
        DbContext ctx = Fixtures.tenantOne(db, Fixtures.sqlLog());
        AtomicInteger bodyRuns = new AtomicInteger();
        DbQuery<Long, Integer> rename = DbQuery.<Long, Integer>transactional((c, id) -> {
            bodyRuns.incrementAndGet();
            return c.dsl().update(USERS).set(USERS.NAME, "renamed").where(USERS.ID.eq(id)).execute();
        }).named("rename");

        assertThatThrownBy(() -> rename.run(ctx, ALICE))
                .isInstanceOf(TransactionRequiredException.class)
                .isInstanceOf(KyseraException.class)
                .hasMessageContaining("'rename'")
                .satisfies(e -> assertThat(((KyseraException) e).code()).isEqualTo("TRANSACTION_REQUIRED"));
        assertThat(bodyRuns).hasValue(0);
        assertThat(NAME_BY_ID.run(ctx, ALICE)).contains("alice");

        assertThat(Dal.runInTransaction(ctx, rename, ALICE)).isEqualTo(1);
        assertThat(bodyRuns).hasValue(1);
        assertThat(NAME_BY_ID.run(ctx, ALICE)).contains("renamed");
    }

    @MatrixTest
    void composites_of_a_transactional_query_fail_before_running_any_step(TestDatabase db) {
        DbContext ctx = Fixtures.tenantOne(db, Fixtures.sqlLog());
        AtomicInteger firstRuns = new AtomicInteger();
        DbQuery<Long, Long> first = DbQuery.of((c, id) -> {
            firstRuns.incrementAndGet();
            return id;
        });
        DbQuery<Long, Integer> write = DbQuery.transactional((c, id) -> c.dsl().deleteFrom(USERS).where(USERS.ID.eq(id)).execute());
        DbQuery<Void, Integer> noParams = DbQuery.transactional(c -> 7);
        for (DbQuery<Long, ?> composite : List.<DbQuery<Long, ?>>of(first.then(write), Dal.parallel(first, write),
                Dal.sequence(List.of(first, write)), first.map(x -> x).requiresTransaction(),
                Dal.when((c, id) -> true, first, write.map(n -> (long) n)))) {
            assertThat(composite.transactionRequired()).isTrue();
            assertThatThrownBy(() -> composite.run(ctx, ALICE)).isInstanceOf(TransactionRequiredException.class);
        }
        assertThatThrownBy(() -> noParams.run(ctx)).isInstanceOf(TransactionRequiredException.class);
        assertThat(firstRuns).hasValue(0);
        assertThat(first.transactionRequired()).isFalse();
        int seven = Dal.withTransaction(ctx, tx -> noParams.run(tx));
        assertThat(seven).isEqualTo(7);
        assertThat(Fixtures.countRaw(db, ALICE)).isEqualTo(1);
    }
}
