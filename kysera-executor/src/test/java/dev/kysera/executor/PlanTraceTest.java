package dev.kysera.executor;

import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.executor.testplugins.TestPlugins;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.jooq.Query;
import org.jooq.impl.DSL;

/** Plugin decisions at TRACE: what each statement became, which plugins touched it, and refusals. */
class PlanTraceTest {

    @MatrixTest
    void each_executed_statement_is_traced_with_the_plugins_that_changed_it_and_rendering_traces_nothing(TestDatabase db) {
        CorpusData.seed(db);
        Executor executor = Executor.of(db.dsl(), new TestPlugins.Tenant(true), new TestPlugins.SoftDelete()).with(TestPlugins.TENANT, 1);
        long marker = System.nanoTime();
        Query query = executor.dsl().selectFrom(USERS).where(USERS.ID.ne(marker));

        List<String> rendering = traced(() -> assertThat(query.getSQL() + query).contains("users"));
        List<String> executing = traced(() -> executor.dsl().selectFrom(USERS).where(USERS.ID.ne(marker)).fetch());

        assertThat(rendering).isEmpty();
        assertThat(executing).hasSize(1);
        assertThat(executing.getFirst())
                .startsWith("SELECT on [users source read], changed or judged by tenant, soft-delete; sql: select ")
                .contains("tenant_id").contains("deleted_at");
    }

    @MatrixTest
    void a_refused_statement_is_traced_with_its_reason(TestDatabase db) {
        CorpusData.seed(db);
        Executor executor = Executor.of(db.dsl(), new TestPlugins.Tenant(true)).with(TestPlugins.TENANT, 1);

        List<String> lines = traced(() -> assertThatThrownBy(
                () -> executor.dsl().selectFrom(USERS).where(DSL.condition("exists (select 1 from posts)")).fetch())
                .isInstanceOf(UnsupportedStatementException.class));

        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst()).startsWith("refused (UnsupportedStatementException: ").contains("plain-SQL fragment");
    }

    /** The TRACE lines of the plugin-decision logger while {@code work} runs on this thread. */
    private static List<String> traced(Runnable work) {
        Logger logger = Logger.getLogger("dev.kysera.executor.plugins");
        Thread caller = Thread.currentThread();
        List<String> lines = new CopyOnWriteArrayList<>();
        SimpleFormatter formatter = new SimpleFormatter();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                // other matrix tests run in parallel: keep only this thread's lines
                if (record.getLongThreadID() == caller.threadId()) {
                    lines.add(formatter.formatMessage(record));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level before = logger.getLevel();
        handler.setLevel(Level.ALL);
        logger.setLevel(Level.ALL);
        logger.addHandler(handler);
        try {
            work.run();
        } finally {
            logger.removeHandler(handler);
            logger.setLevel(before);
        }
        return List.copyOf(lines);
    }

}
