package dev.kysera.debug;

import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.kysera.core.error.AccessDeniedException;
import dev.kysera.core.error.DatabaseException;
import dev.kysera.core.error.KyseraException;
import dev.kysera.executor.Executor;
import dev.kysera.executor.Operation;
import dev.kysera.executor.Plugin;
import dev.kysera.executor.PluginRoles;
import dev.kysera.executor.TableReference;
import dev.kysera.executor.Transform;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.time.Duration;

/**
 * Statements that fail before they run — rejected by the database while prepared (SQLite and H2
 * compile then), or refused by a plugin before anything is sent — reach the query log and the
 * profiler as failures with the exception the caller got.
 */
class PrepareFailureTest {

    /** Refuses every DELETE of users. */
    private static final Plugin NO_USER_DELETES = new Plugin() {
        @Override
        public String name() {
            return "no-user-deletes";
        }

        @Override
        public boolean appliesTo(TableReference table) {
            return table.is("users");
        }

        @Override
        public void register(PluginRoles roles) {
            roles.transform((table, operation, ctx) -> operation == Operation.DELETE ? Transform.refuse("users are kept") : Transform.keep());
        }
    };

    @MatrixTest
    void a_syntax_error_and_a_missing_table_are_logged_and_profiled_as_failures(TestDatabase db) {
        db.useTestSchema();
        Fixtures.Sink sink = new Fixtures.Sink();
        Profiler profiler = Profiler.defaults();
        try (Executor executor = Fixtures.executor(db, QueryLogOptions.builder().sink(sink).slowThreshold(Duration.ofHours(1)).plugin(),
                profiler)) {
            assertThatThrownBy(() -> executor.dsl().execute("selec 1 from users")).isExactlyInstanceOf(DatabaseException.class);
            assertThatThrownBy(() -> executor.dsl().fetch("select 2 from no_such_table")).isExactlyInstanceOf(DatabaseException.class);
        }
        assertThat(sink.entries).hasSize(2).allSatisfy(entry -> {
            assertThat(entry.outcome()).isEqualTo(LogEntry.Outcome.FAILED);
            assertThat(entry.failure()).containsInstanceOf(DatabaseException.class);
            assertThat(entry.errorCode()).contains(((KyseraException) entry.failure().orElseThrow()).code());
            assertThat(entry.message()).startsWith("query failed [" + entry.errorCode().orElseThrow() + "] ");
        });
        assertThat(sink.entries.get(0).sql()).containsExactly("selec ? from users");
        // The executor parses plain SQL it can parse, and H2's dialect renders unquoted names upper-case.
        String missing = db.engine() == Engine.H2 ? "select ? from NO_SUCH_TABLE" : "select ? from no_such_table";
        assertThat(sink.entries.get(1).sql()).containsExactly(missing);
        assertThat(profiler.snapshot().shapes()).extracting(ShapeStats::shape, ShapeStats::count, ShapeStats::errors)
                .containsExactlyInAnyOrder(tuple("selec ? from users", 1L, 1L), tuple(missing, 1L, 1L));
    }

    @MatrixTest
    void a_statement_a_plugin_refuses_is_logged_and_profiled_with_its_refusal(TestDatabase db) {
        db.useTestSchema();
        Fixtures.Sink sink = new Fixtures.Sink();
        Profiler profiler = Profiler.defaults();
        try (Executor executor = Fixtures.executor(db, NO_USER_DELETES, QueryLogOptions.builder().sink(sink).plugin(), profiler)) {
            assertThatThrownBy(() -> executor.dsl().deleteFrom(USERS).where(USERS.ID.eq(1L)).execute())
                    .isExactlyInstanceOf(AccessDeniedException.class);
        }
        LogEntry entry = sink.only();
        assertThat(entry.outcome()).isEqualTo(LogEntry.Outcome.FAILED);
        assertThat(entry.failure()).containsInstanceOf(AccessDeniedException.class);
        assertThat(entry.errorCode()).contains(AccessDeniedException.CODE);
        assertThat(entry.elapsed()).isZero();
        assertThat(entry.rowCounts()).isEmpty();
        assertThat(profiler.snapshot().shapes()).singleElement().satisfies(shape -> {
            assertThat(shape.errors()).isEqualTo(1);
            assertThat(shape.count()).isEqualTo(1);
        });
    }
}
