package dev.kysera.executor;

import static dev.kysera.testsupport.schema.Tables.TAGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConnectionProvider;

/** A transaction begun and ended by another owner (as Spring's manager does), adopted by the executor. */
class ExternalTransactionTest {

    private static final class Recording implements Plugin {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public void register(PluginRoles roles) {
            roles.transactionObserver(new TransactionObserver() {
                @Override
                public void afterBegin(TransactionHandle transaction) {
                    events.add("begin");
                }

                @Override
                public void beforeCommit(TransactionHandle transaction) {
                    events.add("before commit");
                }

                @Override
                public void afterCommit(TransactionHandle transaction) {
                    events.add("commit");
                }

                @Override
                public void afterRollback(TransactionHandle transaction, Throwable cause) {
                    events.add("rollback: " + cause.getMessage());
                }
            });
        }
    }

    @MatrixTest
    void an_adopted_transaction_is_the_executors_until_its_owner_ends_it(TestDatabase db) throws Exception {
        db.useTestSchema();
        Recording recording = new Recording();
        try (Connection owner = db.newConnection();
             Executor executor = Executor.builder().configuration(DSL.using(new DefaultConnectionProvider(owner), db.dialect())
                     .configuration()).plugin(recording).build()) {
            owner.setAutoCommit(false);
            ExternalTransaction adopted = executor.adoptTransaction();
            List<String> callbacks = new CopyOnWriteArrayList<>();
            assertThat(executor.transaction()).containsSame(adopted.handle());
            assertThat(adopted.handle().external()).isTrue();
            assertThat(adopted.handle().isolation()).as("chosen by its owner, unknown here").isEmpty();
            adopted.handle().afterCommit(() -> callbacks.add("after commit"));
            assertThatThrownBy(executor::adoptTransaction).isInstanceOf(IllegalStateException.class).hasMessageContaining("already open");
            executor.dsl().insertInto(TAGS, TAGS.NAME).values("kept").execute();

            adopted.suspend();
            assertThat(executor.transaction()).isEmpty();
            adopted.resume();
            assertThat(executor.transaction()).containsSame(adopted.handle());

            adopted.beforeCommit();
            owner.commit();
            adopted.completed(true, null);
            adopted.completed(false, new IllegalStateException("ignored: only the first outcome counts"));
            assertThat(executor.transaction()).isEmpty();
            assertThatThrownBy(() -> adopted.handle().dsl()).isInstanceOf(TransactionEndedException.class);
            assertThat(recording.events).containsExactly("begin", "before commit", "commit");
            assertThat(callbacks).containsExactly("after commit");

            ExternalTransaction second = executor.adoptTransaction();
            executor.dsl().insertInto(TAGS, TAGS.NAME).values("undone").execute();
            owner.rollback();
            second.completed(false, new IllegalStateException("owner rolled back"));
            assertThat(recording.events).endsWith("begin", "rollback: owner rolled back");
        }
        assertThat(db.dsl().select(TAGS.NAME).from(TAGS).fetch(TAGS.NAME)).containsExactly("kept");
    }
}
