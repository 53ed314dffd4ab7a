package dev.kysera.infra;

import static dev.kysera.infra.Faults.transientError;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.error.TransientDatabaseException;
import dev.kysera.core.error.TransientDatabaseException.Kind;
import dev.kysera.core.error.UniqueConstraintException;
import dev.kysera.executor.Executor;
import com.zaxxer.hikari.HikariDataSource;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.StateTransition;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The breaker counts resource failures only, fails fast while open, and closes after a successful probe. */
class CircuitBreakerTest {

    private static final CircuitBreakerOptions SMALL = CircuitBreakerOptions.builder().slidingWindowSize(4).minimumNumberOfCalls(4)
            .failureRateThreshold(50).waitInOpenState(Duration.ofMillis(300)).probesInHalfOpenState(1).build();

    private static Executor executor(TestDatabase db, Faults.FaultyDataSource dataSource, KyseraCircuitBreaker breaker) {
        return Executor.builder().dataSource(dataSource.dataSource(), db.dialect()).decorateTransactions(breaker.decorator()).build();
    }

    @MatrixTest
    void refused_connections_open_it_calls_then_fail_fast_and_a_probe_after_recovery_closes_it(TestDatabase db) throws Exception {
        db.useTestSchema();
        Faults.FaultyDataSource dataSource = new Faults.FaultyDataSource(db.dataSource()).mode(Faults.Mode.REFUSE);
        KyseraCircuitBreaker breaker = KyseraCircuitBreaker.of(SMALL);
        List<StateTransition> transitions = new CopyOnWriteArrayList<>();
        breaker.circuitBreaker().getEventPublisher().onStateTransition(event -> transitions.add(event.getStateTransition()));
        Executor executor = executor(db, dataSource, breaker);

        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> executor.transaction(tx -> tx.dsl().fetchCount(USERS)))
                    .isInstanceOf(TransientDatabaseException.class);
        }
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        int requestsWhenOpened = dataSource.requests();
        assertThatThrownBy(() -> executor.transaction(tx -> tx.dsl().fetchCount(USERS)))
                .isInstanceOf(CircuitOpenException.class)
                .satisfies(e -> assertThat(((CircuitOpenException) e).isTransient()).isTrue())
                .satisfies(e -> assertThat(((CircuitOpenException) e).breaker()).isEqualTo("kysera-database"));
        assertThat(dataSource.requests()).as("an open breaker does not touch the pool").isEqualTo(requestsWhenOpened);

        Thread.sleep(400);
        assertThatThrownBy(() -> executor.transaction(tx -> tx.dsl().fetchCount(USERS)))
                .as("a failing probe").isInstanceOf(TransientDatabaseException.class);
        assertThat(breaker.state()).isEqualTo(State.OPEN);

        dataSource.mode(Faults.Mode.UP);
        Thread.sleep(400);
        int count = executor.transactionResult(tx -> tx.dsl().fetchCount(USERS));
        assertThat(count).isZero();
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(transitions).containsExactly(StateTransition.CLOSED_TO_OPEN, StateTransition.OPEN_TO_HALF_OPEN,
                StateTransition.HALF_OPEN_TO_OPEN, StateTransition.OPEN_TO_HALF_OPEN, StateTransition.HALF_OPEN_TO_CLOSED);
    }

    @MatrixTest(only = {Engine.POSTGRES, Engine.MARIADB})
    void a_database_that_goes_down_opens_it_and_it_closes_after_the_database_is_back(TestDatabase db) throws Exception {
        db.useTestSchema();
        try (LoopbackProxy proxy = LoopbackProxy.before(db)) {
            try (HikariDataSource pool = proxy.pool(db)) {
                // long enough that a loaded machine cannot reach half-open before the fail-fast check
                KyseraCircuitBreaker breaker = KyseraCircuitBreaker.of(SMALL.toBuilder().waitInOpenState(Duration.ofSeconds(3)).build());
                Executor executor = Executor.builder().dataSource(pool, db.dialect()).decorateTransactions(breaker.decorator()).build();
                int count = executor.transactionResult(tx -> tx.dsl().fetchCount(USERS));
                assertThat(count).isZero();

                proxy.stop();
                int failures = 0;
                while (breaker.state() != State.OPEN && failures < 4) { // 3 failures after 1 success already reach 50 % of 4
                    failures++;
                    assertThatThrownBy(() -> executor.transaction(tx -> tx.dsl().fetchCount(USERS)))
                            .isInstanceOf(TransientDatabaseException.class)
                            .satisfies(e -> assertThat(((TransientDatabaseException) e).kind()).isEqualTo(Kind.CONNECTION_LOST));
                }
                assertThat(breaker.state()).isEqualTo(State.OPEN);
                long start = System.nanoTime();
                assertThatThrownBy(() -> executor.transaction(tx -> tx.dsl().fetchCount(USERS))).isInstanceOf(CircuitOpenException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("fails fast, without the pool's connection timeout")
                        .isLessThan(Duration.ofSeconds(1));

                proxy.start();
                Integer after = LoopbackProxy.untilRecovered(() -> executor.transactionResult(tx -> tx.dsl().fetchCount(USERS)));
                assertThat(after).as("recovered within 15 s").isZero();
                assertThat(breaker.state()).isEqualTo(State.CLOSED);
            }
        }
    }

    @MatrixTest
    void unique_violations_and_serialization_failures_never_open_it(TestDatabase db) {
        db.useTestSchema();
        db.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(1L, "taken@x", "first").execute();
        KyseraCircuitBreaker breaker = KyseraCircuitBreaker.of(SMALL);
        Executor executor = executor(db, new Faults.FaultyDataSource(db.dataSource()), breaker);
        for (int i = 0; i < 6; i++) {
            long id = 10L + i;
            assertThatThrownBy(() -> executor.transaction(tx -> tx.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME)
                    .values(id, "taken@x", "again").execute())).isInstanceOf(UniqueConstraintException.class);
            assertThatThrownBy(() -> executor.transaction(tx -> {
                throw transientError(Kind.SERIALIZATION_FAILURE);
            })).isInstanceOf(TransientDatabaseException.class);
        }
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @MatrixTest
    void work_outside_transactions_passes_the_breaker_through_execute(TestDatabase db) {
        db.useTestSchema();
        Faults.FaultyDataSource dataSource = new Faults.FaultyDataSource(db.dataSource()).mode(Faults.Mode.REFUSE);
        KyseraCircuitBreaker breaker = KyseraCircuitBreaker.of(SMALL);
        Executor executor = Executor.builder().dataSource(dataSource.dataSource(), db.dialect()).build();
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> breaker.execute(() -> executor.dsl().fetchCount(USERS))).isInstanceOf(TransientDatabaseException.class);
        }
        assertThatThrownBy(() -> breaker.execute(() -> executor.dsl().fetchCount(USERS))).isInstanceOf(CircuitOpenException.class);
    }

    @MatrixTest(only = Engine.H2)
    void nested_transactions_are_not_counted_apart_from_their_outermost_one(TestDatabase db) {
        db.useTestSchema();
        KyseraCircuitBreaker breaker = KyseraCircuitBreaker.of(SMALL);
        Executor executor = executor(db, new Faults.FaultyDataSource(db.dataSource()), breaker);
        executor.transaction(tx -> tx.transaction(nested -> tx.transaction(deeper -> deeper.dsl().fetchCount(USERS))));
        assertThat(breaker.circuitBreaker().getMetrics().getNumberOfBufferedCalls()).isEqualTo(1);
    }

    @Test
    void options_are_validated_by_name() {
        assertThat(CircuitBreakerOptions.defaults().toBuilder().build()).isEqualTo(CircuitBreakerOptions.defaults());
        assertThatThrownBy(() -> CircuitBreakerOptions.builder().slidingWindowSize(0).build())
                .hasMessage("slidingWindowSize must be at least 1, was 0");
        assertThatThrownBy(() -> CircuitBreakerOptions.builder().slidingWindowSize(5).minimumNumberOfCalls(6).build())
                .hasMessage("minimumNumberOfCalls (6) must not exceed slidingWindowSize (5)");
        assertThatThrownBy(() -> CircuitBreakerOptions.builder().failureRateThreshold(0).build())
                .hasMessage("failureRateThreshold must be in (0, 100], was 0.0");
        assertThatThrownBy(() -> CircuitBreakerOptions.builder().waitInOpenState(Duration.ZERO).build())
                .hasMessage("waitInOpenState must be positive, was PT0S");
        assertThatThrownBy(() -> CircuitBreakerOptions.builder().probesInHalfOpenState(0).build())
                .hasMessage("probesInHalfOpenState must be at least 1, was 0");
        assertThatThrownBy(() -> CircuitBreakerOptions.builder().countedKinds(Set.of()).build())
                .hasMessageStartingWith("countedKinds must not be empty");
    }
}
