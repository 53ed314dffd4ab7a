package dev.kysera.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;

import com.zaxxer.hikari.HikariDataSource;
import dev.kysera.executor.Executor;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.jooq.Field;
import org.jooq.Readonly;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * {@link ReadReplicas} routing against a real primary and a real replica of it, whichever database
 * runs them: a subclass starts the pair and says how to tell the nodes apart and how to hold the
 * replica back. Every wait is bounded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(240)
abstract class ReplicaRoutingContract {

    static final Duration BOUND = Duration.ofSeconds(1);
    static final Table<?> ROUTED = table("routed");
    static final Field<Integer> ID = field("id", SQLDataType.INTEGER);

    HikariDataSource primaryPool;
    HikariDataSource replicaPool;
    Executor primary;
    ReadReplicas replicas;

    abstract ReplicaPair startNodes() throws Exception;

    abstract SQLDialect dialect();

    /** An expression that is true on the replica and false on the primary. */
    abstract String onReplicaExpression();

    /** Stops the replica applying what it receives, so it falls behind with the next write. */
    abstract void holdReplicaBack() throws Exception;

    /** Lets it catch up again. */
    abstract void releaseReplica() throws Exception;

    private ReplicaPair nodes;
    Executor replica;

    @BeforeAll
    void start() throws Exception {
        nodes = startNodes();
        primaryPool = Nodes.pool(nodes.primaryUrl());
        replicaPool = Nodes.pool(nodes.replicaUrl());
        replica = Executor.builder().dataSource(replicaPool, dialect()).build();
        replicas = ReadReplicas.builder().primary(primaryPool).replica(replica, replicaPool)
                .maxReplicationLag(BOUND).lagCheckInterval(Duration.ofMillis(100))
                .healthOptions(ReplicationLagTest.OPTIONS).build();
        primary = Executor.builder().dataSource(primaryPool, dialect()).decorateTransactions(replicas.decorator())
                .guardStatements(replicas.statementGuard()).build();
        execute(nodes.primary(), "CREATE TABLE routed (id int PRIMARY KEY)", "INSERT INTO routed VALUES (1)");
        awaitOnReplica(1);
    }

    @AfterAll
    void stop() throws Exception {
        try (AutoCloseable cluster = nodes; HikariDataSource a = primaryPool; HikariDataSource b = replicaPool) {
            if (primary != null) {
                primary.close();
                replica.close();
            }
        }
    }

    /** Whether a jOOQ {@code SELECT} on {@code executor} (in its transaction, if any) runs on the replica. */
    boolean onReplica(Executor executor) {
        return executor.dsl().select(field(onReplicaExpression(), SQLDataType.BOOLEAN)).fetchSingle().value1();
    }

    /** Where a read-only transaction ran and how many rows with {@code id} it saw: "true 1" is on the replica, seeing one. */
    String readOnlyRead(int id) {
        return primary.<String>transactionResult(tx -> onReplica(tx) + " " + tx.dsl().fetchCount(ROUTED, ID.eq(id)), Readonly.READONLY);
    }

    @Test
    void a_read_only_transaction_reads_on_the_replica_and_a_read_write_one_on_the_primary() {
        awaitRoutable(true);
        assertThat(readOnlyRead(1)).isEqualTo("true 1");
        boolean readWriteOnReplica = primary.transactionResult(this::onReplica);
        assertThat(readWriteOnReplica).as("read-write stays on the primary").isFalse();
    }

    @Test
    void a_select_outside_a_transaction_reads_on_the_replica_and_writes_go_to_the_primary() throws Exception {
        awaitRoutable(true);
        assertThat(onReplica(primary)).isTrue();
        assertThat(primary.dsl().fetchCount(ROUTED, ID.eq(1))).isEqualTo(1);
        primary.dsl().insertInto(ROUTED).columns(ID).values(40).execute();
        assertThat(count(nodes.primary(), 40)).as("written on the primary").isEqualTo(1);
        awaitOnReplica(40);
        primary.dsl().deleteFrom(ROUTED).where(ID.eq(40)).execute();
        assertThat(count(nodes.primary(), 40)).isZero();
    }

    @Test
    void a_transaction_that_wrote_reads_its_own_write_on_the_primary() throws Exception {
        String seen = primary.<String>transactionResult(tx -> {
            tx.dsl().insertInto(ROUTED).columns(ID).values(10).execute();
            return onReplica(tx) + " " + tx.dsl().fetchCount(ROUTED, ID.eq(10)) + " "
                    + tx.transactionResult(nested -> nested.dsl().fetchCount(ROUTED, ID.eq(10)));
        });
        assertThat(seen).isEqualTo("false 1 1");
        awaitOnReplica(10);
        awaitRoutable(true);
        assertThat(readOnlyRead(10)).isEqualTo("true 1");
        primary.transaction(tx -> tx.dsl().deleteFrom(ROUTED).where(ID.eq(10)).execute());
    }

    @Test
    void a_replica_behind_the_bound_is_skipped_and_the_primary_serves_until_it_caught_up() throws Exception {
        awaitRoutable(true);
        holdReplicaBack();
        try {
            primary.transaction(tx -> tx.dsl().insertInto(ROUTED).columns(ID).values(20).execute());
            awaitRoutable(false);
            assertThat(replicas.lastReadLag(0)).as("the lag is known and over the bound, or unknown")
                    .satisfiesAnyOf(lag -> assertThat(lag).isEmpty(), lag -> assertThat(lag.get()).isGreaterThan(BOUND));
            assertThat(readOnlyRead(20)).as("served by the primary, which has the write").isEqualTo("false 1");
            assertThat(onReplica(primary)).as("a select outside a transaction too").isFalse();
            assertThat(primary.dsl().fetchCount(ROUTED, ID.eq(20))).isEqualTo(1);
            assertThat(count(nodes.replica(), 20)).as("the replica has not applied it").isZero();
        } finally {
            releaseReplica();
        }
        awaitOnReplica(20);
        awaitRoutable(true);
        assertThat(readOnlyRead(20)).isEqualTo("true 1");
        primary.transaction(tx -> tx.dsl().deleteFrom(ROUTED).where(ID.eq(20)).execute());
    }

    @Test
    void health_covers_the_primary_and_the_replica() {
        awaitRoutable(true);
        assertThat(replicas.health()).extracting(ReadReplicas.NodeHealth::name, ReadReplicas.NodeHealth::replica)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("primary", false), org.assertj.core.groups.Tuple.tuple("replica-1", true));
        await("both nodes healthy", () -> replicas.health().stream().allMatch(node -> node.report().isHealthy()));
        ReadReplicas.NodeHealth ofReplica = replicas.health().get(1);
        assertThat(ofReplica.report().replicationLag()).hasValueSatisfying(lag -> assertThat(lag).isLessThan(BOUND));
        assertThat(replicas.health().getFirst().report().replicationLag()).isEmpty();
    }

    void awaitRoutable(boolean routable) {
        await("replica routable = " + routable, () -> replicas.isRoutable(0) == routable);
    }

    void awaitOnReplica(int id) {
        await("replica has row " + id, () -> {
            try {
                return count(nodes.replica(), id) == 1;
            } catch (Exception notYet) {
                return false; // the table itself may not be there yet
            }
        });
    }

    /** Polls every 100 ms for at most 30 s. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 30 s for: %s", what).isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static int count(Connection connection, int id) throws Exception {
        try (connection; Statement statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT count(*) FROM routed WHERE id = " + id)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    static void execute(Connection connection, String... sql) throws Exception {
        try (connection; Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        }
    }
}
