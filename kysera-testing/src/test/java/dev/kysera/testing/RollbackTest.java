package dev.kysera.testing;

import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.kysera.executor.Executor;
import dev.kysera.repository.Repository;
import dev.kysera.repository.Values;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.EventConditions;
import org.junit.platform.testkit.engine.Events;
import org.junit.platform.testkit.engine.TestExecutionResultConditions;

/**
 * Runs fixture test classes through the JUnit engine on every database and checks what they left
 * behind: only the rows of {@link Commit} tests.
 */
class RollbackTest {

    /** Hands the executor of the current matrix run to the fixtures. */
    static Executor current;

    /** Code under test: writes through the executor it was given, sometimes in its own transactions. */
    record UserService(Executor executor) {
        void add(String email) {
            executor.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values(email, "n").execute();
        }

        void addInOwnTransaction(String email) {
            executor.transaction(tx -> tx.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values(email, "n").execute());
        }

        void addThenFail(String email) {
            executor.transaction(tx -> {
                tx.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values(email, "n").execute();
                throw new IllegalStateException("refused");
            });
        }

        int count() {
            return executor.dsl().fetchCount(USERS);
        }
    }

    @EngineFixture
    @KyseraTest
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class Fixture {
        @TestExecutor
        static Executor executor() {
            return current;
        }

        @Test
        @Order(1)
        void writesDirectlyAndThroughCodeUnderTest(Executor executor) {
            assertThat(executor.inTransaction()).isTrue();
            executor.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values("direct@x", "n").execute();
            UserService service = new UserService(executor);
            service.add("service@x");
            service.addInOwnTransaction("nested@x");
            assertThatThrownBy(() -> service.addThenFail("refused@x")).hasMessage("refused");
            // A constraint violation in the code's own transaction rolls back to its savepoint; the test's
            // transaction stays usable (PostgreSQL would otherwise refuse every later statement).
            assertThatThrownBy(() -> service.addInOwnTransaction("nested@x")).isInstanceOf(RuntimeException.class);
            assertThat(service.count()).isEqualTo(3);
        }

        @Test
        @Order(2)
        void writesThroughARepositoryBoundToTheExecutor(Executor executor) {
            var users = Repository.builder(USERS, USERS.ID).build(executor);
            users.create(Values.of(USERS.EMAIL, "repository@x").set(USERS.NAME, "n"));
            assertThat(new UserService(executor).count()).isEqualTo(1);
        }

        @Test
        @Order(3)
        void secondTestSeesNothingOfTheFirst(Executor executor) {
            assertThat(new UserService(executor).count()).isZero();
        }

        @Test
        @Order(4)
        void failingTestStillRollsBack(Executor executor) {
            new UserService(executor).add("failing@x");
            throw new AssertionError("this test fails on purpose");
        }

        @Test
        @Order(5)
        @Commit
        void committedTestKeepsItsRows(Executor executor) {
            assertThat(executor.inTransaction()).isFalse();
            new UserService(executor).add("committed@x");
        }
    }

    /** The executor in an instance field; repetitions would collide on the unique email if one survived. */
    @EngineFixture
    @KyseraTest
    static class InstanceFieldFixture {
        @TestExecutor
        Executor executor = current;

        @RepeatedTest(2)
        void repeatedInsertOfTheSameRow() {
            new UserService(executor.withSettings(UnaryOperator.identity())).add("repeated@x");
            assertThat(executor.dsl().fetchCount(USERS, USERS.EMAIL.eq("repeated@x"))).isEqualTo(1);
        }

        @ParameterizedTest
        @ValueSource(strings = {"first", "second"})
        void parameterizedInsertOfTheSameRow(String name) {
            executor.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values("parameterized@x", name).execute();
            assertThat(executor.dsl().fetchCount(USERS, USERS.EMAIL.eq("parameterized@x"))).isEqualTo(1);
        }
    }

    /** {@code @Nested} classes use the enclosing class's executor (an instance field here) and its @Commit. */
    @EngineFixture
    @KyseraTest
    static class NestedFixture {
        @TestExecutor
        Executor executor = current;

        @Nested
        class RollingBack {
            @Test
            void writes(Executor executor) {
                assertThat(executor.inTransaction()).isTrue();
                new UserService(executor).add("nested-class@x");
            }
        }

        @Nested
        @Commit
        class Committing {
            @Test
            void writes(Executor executor) {
                assertThat(executor.inTransaction()).isFalse();
                new UserService(executor).add("nested-committed@x");
            }
        }
    }

    @EngineFixture
    @KyseraTest
    @Commit
    static class CommitClassFixture {
        @TestExecutor
        static Executor executor() {
            return current;
        }

        @Test
        void committed(Executor executor) {
            new UserService(executor).add("class-committed@x");
        }
    }

    @EngineFixture
    @KyseraTest
    static class NullExecutorFixture {
        @TestExecutor
        static final Executor EXECUTOR = null;

        @Test
        void unused() {
        }
    }

    @EngineFixture
    @KyseraTest
    static class NoExecutorFixture {
        @Test
        void unused() {
        }
    }

    @MatrixTest
    void onlyCommittedRowsSurvive(TestDatabase db) {
        db.useTestSchema();
        current = Executor.builder().dataSource(db.dataSource(), db.dialect()).build();
        try {
            Events tests = run(Fixture.class);

            tests.assertStatistics(s -> s.started(5).succeeded(4).failed(1));
            tests.assertThatEvents().haveExactly(1, EventConditions.event(EventConditions.test("failingTestStillRollsBack"),
                    EventConditions.finishedWithFailure(TestExecutionResultConditions.message("this test fails on purpose"))));
            assertThat(db.dsl().select(USERS.EMAIL).from(USERS).fetch(USERS.EMAIL)).containsExactly("committed@x");

            run(InstanceFieldFixture.class).assertStatistics(s -> s.started(4).succeeded(4));
            run(CommitClassFixture.class).assertStatistics(s -> s.started(1).succeeded(1));
            assertThat(db.dsl().select(USERS.EMAIL).from(USERS).orderBy(USERS.EMAIL).fetch(USERS.EMAIL))
                    .containsExactly("class-committed@x", "committed@x");

            run(NestedFixture.class).assertStatistics(s -> s.started(2).succeeded(2));
            assertThat(db.dsl().select(USERS.EMAIL).from(USERS).orderBy(USERS.EMAIL).fetch(USERS.EMAIL))
                    .containsExactly("class-committed@x", "committed@x", "nested-committed@x");
        } finally {
            current.close();
            current = null;
        }
    }

    @Test
    void aMissingOrNullExecutorFailsTheTestClearly() {
        run(NullExecutorFixture.class).assertThatEvents().haveExactly(1, EventConditions.finishedWithFailure(
                TestExecutionResultConditions.message(m -> m.contains("is null"))));
        run(NoExecutorFixture.class).assertThatEvents().haveExactly(1, EventConditions.finishedWithFailure(
                TestExecutionResultConditions.message(m -> m.contains("must declare exactly one @TestExecutor"))));
    }

    private static Events run(Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute().testEvents();
    }
}
