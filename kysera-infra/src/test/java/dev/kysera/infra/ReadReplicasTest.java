package dev.kysera.infra;

import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.executor.Executor;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.jooq.Isolation;
import org.jooq.Readonly;

/**
 * Read-only transactions and autocommit {@code SELECT}s go to a replica, everything else to the primary. Primary and "replica"
 * here are two counted data sources over the same database: this proves the routing, not
 * replication (no streaming replica is started by these tests).
 */
class ReadReplicasTest {

    private record Nodes(Faults.FaultyDataSource primary, Faults.FaultyDataSource replica, Executor executor) {
        static Nodes over(TestDatabase db) {
            db.useTestSchema();
            Faults.FaultyDataSource primary = new Faults.FaultyDataSource(db.dataSource());
            Faults.FaultyDataSource replica = new Faults.FaultyDataSource(db.dataSource());
            Executor replicaExecutor = Executor.builder().dataSource(replica.dataSource(), db.dialect()).build();
            ReadReplicas replicas = ReadReplicas.of(List.of(replicaExecutor));
            Executor executor = Executor.builder().dataSource(primary.dataSource(), db.dialect())
                    .decorateTransactions(replicas.decorator()).guardStatements(replicas.statementGuard()).build();
            return new Nodes(primary, replica, executor);
        }
    }

    /** SQLite refuses read-only on a connection already open (a pooled one): replicas are for servers. */
    @MatrixTest(except = Engine.SQLITE)
    void read_only_transactions_run_on_the_replica_and_the_rest_on_the_primary(TestDatabase db) {
        Nodes nodes = Nodes.over(db);
        nodes.executor().transaction(tx -> tx.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(1L, "a@x", "A").execute());
        assertThat(nodes.primary().requests()).isPositive();
        assertThat(nodes.replica().requests()).isZero();

        int primaryBefore = nodes.primary().requests();
        int count = nodes.executor().transactionResult(tx -> tx.dsl().fetchCount(USERS), Readonly.READONLY, Isolation.REPEATABLE_READ);
        assertThat(count).isEqualTo(1);
        assertThat(nodes.replica().requests()).isPositive();
        assertThat(nodes.primary().requests()).isEqualTo(primaryBefore);

    }

    @MatrixTest
    void selects_outside_transactions_run_on_the_replica_and_writes_and_plain_sql_on_the_primary(TestDatabase db) {
        Nodes nodes = Nodes.over(db);
        nodes.executor().dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(1L, "a@x", "A").execute();
        nodes.executor().dsl().update(USERS).set(USERS.NAME, "Ann").where(USERS.ID.eq(1L)).execute();
        assertThat(nodes.replica().requests()).as("writes stay on the primary").isZero();
        int primaryAfterWrites = nodes.primary().requests();

        assertThat(nodes.executor().dsl().fetchCount(USERS)).isEqualTo(1);
        assertThat(nodes.executor().dsl().select(USERS.NAME).from(USERS).where(USERS.ID.eq(1L)).fetch(USERS.NAME)).containsExactly("Ann");
        assertThat(nodes.replica().requests()).isEqualTo(2);
        assertThat(nodes.primary().requests()).isEqualTo(primaryAfterWrites);

        assertThat(nodes.executor().dsl().resultQuery("select count(*) from {0}", USERS).fetchSingle(0, Integer.class))
                .as("plain SQL may write: the primary serves it").isEqualTo(1);
        assertThat(nodes.primary().requests()).isEqualTo(primaryAfterWrites + 1);
        assertThat(nodes.replica().requests()).isEqualTo(2);
    }

    @MatrixTest
    void an_unreachable_replica_leaves_selects_outside_transactions_to_the_primary(TestDatabase db) {
        Nodes nodes = Nodes.over(db);
        nodes.replica().mode(Faults.Mode.REFUSE);
        assertThat(nodes.executor().dsl().fetchCount(USERS)).isZero();
        assertThat(nodes.replica().requests()).isEqualTo(1);
        assertThat(nodes.primary().requests()).isEqualTo(1);
    }

    /** H2 takes {@code Connection.setReadOnly} as a hint and writes anyway, so this runs on the servers only. */
    @MatrixTest(only = {Engine.POSTGRES, Engine.MARIADB})
    void the_replica_transaction_is_read_only(TestDatabase db) {
        Nodes nodes = Nodes.over(db);
        assertThatThrownBy(() -> nodes.executor().transaction(tx -> tx.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME)
                .values(2L, "b@x", "B").execute(), Readonly.READONLY)).isInstanceOf(dev.kysera.core.error.KyseraException.class);
        assertThat(nodes.replica().requests()).isPositive();
        assertThat(db.dsl().fetchCount(USERS)).isZero();
    }

    @MatrixTest
    void a_transaction_that_wrote_reads_its_own_write_on_the_primary(TestDatabase db) {
        Nodes nodes = Nodes.over(db);
        int seen = nodes.executor().transactionResult(tx -> {
            tx.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(1L, "a@x", "A").execute();
            return tx.transactionResult(nested -> nested.dsl().fetchCount(USERS));
        });
        assertThat(seen).isEqualTo(1);
        assertThat(nodes.replica().requests()).isZero();
    }

    /**
     * Fail closed: with a lag bound, a node that says it is no replica has no known lag and is
     * skipped; the primary serves. (SQLite refuses read-only on a pooled connection, the primary's too.)
     */
    @MatrixTest(except = Engine.SQLITE)
    void with_a_lag_bound_a_node_that_is_no_replica_is_skipped(TestDatabase db) {
        db.useTestSchema();
        Faults.FaultyDataSource primary = new Faults.FaultyDataSource(db.dataSource());
        Faults.FaultyDataSource replica = new Faults.FaultyDataSource(db.dataSource());
        ReadReplicas replicas = ReadReplicas.builder().replica(Executor.builder().dataSource(replica.dataSource(), db.dialect()).build())
                .maxReplicationLag(Duration.ofSeconds(5)).build();
        Executor executor = Executor.builder().dataSource(primary.dataSource(), db.dialect()).decorateTransactions(replicas.decorator()).build();
        int count = executor.transactionResult(tx -> tx.dsl().fetchCount(USERS), Readonly.READONLY);
        assertThat(count).isZero();
        assertThat(replica.requests()).as("one connection, to read the lag").isEqualTo(1);
        assertThat(primary.requests()).isEqualTo(1);
        assertThat(replicas.isRoutable(0)).isFalse();
        assertThat(replicas.lastReadLag(0)).isEmpty();
        assertThat(replica.requests()).as("the reading is cached for lagCheckInterval").isEqualTo(1);
        assertThat(replicas.health()).as("no data sources given").isEmpty();
    }

    @Test
    void the_builder_names_bad_values() {
        Executor replica = Executor.builder().dsl(org.jooq.impl.DSL.using(org.jooq.SQLDialect.H2)).build();
        assertThatThrownBy(() -> ReadReplicas.builder().build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("replicas must not be empty");
        assertThatThrownBy(() -> ReadReplicas.builder().replica(replica).maxReplicationLag(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxReplicationLag must be positive, was PT0S");
        assertThatThrownBy(() -> ReadReplicas.builder().replica(replica).maxReplicationLag(Duration.ofSeconds(1))
                .lagCheckInterval(Duration.ofSeconds(2)).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lagCheckInterval (PT2S) must not exceed maxReplicationLag (PT1S)");
        assertThatThrownBy(() -> ReadReplicas.builder().replica(replica).maxReplicationLag(Duration.ofSeconds(1))
                .lagCheckInterval(Duration.ofMillis(-1)).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lagCheckInterval must be positive, was PT-0.001S");
        assertThatThrownBy(() -> ReadReplicas.builder().replica(replica).lagCheckTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("lagCheckTimeout must be positive, was PT0S");
        assertThatThrownBy(() -> ReadReplicas.builder().replica(replica).healthOptions(null).build())
                .isInstanceOf(NullPointerException.class).hasMessage("healthOptions");
    }

    /** SQLite refuses read-only on a connection already open (a pooled one): replicas are for servers. */
    @MatrixTest(except = Engine.SQLITE)
    void an_unreachable_replica_falls_back_to_the_primary_before_the_block_runs(TestDatabase db) {
        Nodes nodes = Nodes.over(db);
        nodes.replica().mode(Faults.Mode.REFUSE);
        int[] runs = {0};
        int count = nodes.executor().transactionResult(tx -> {
            runs[0]++;
            return tx.dsl().fetchCount(USERS);
        }, Readonly.READONLY);
        assertThat(count).isZero();
        assertThat(runs[0]).isEqualTo(1);
        assertThat(nodes.replica().requests()).isPositive();
        assertThat(nodes.primary().requests()).isPositive();
    }
}
