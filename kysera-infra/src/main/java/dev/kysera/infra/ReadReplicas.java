package dev.kysera.infra;

import dev.kysera.core.error.TransientDatabaseException;
import dev.kysera.executor.AutocommitStatement;
import dev.kysera.executor.Executor;
import dev.kysera.executor.StatementGuard;
import dev.kysera.executor.TransactionRequest;
import dev.kysera.executor.TransactionRunner;
import dev.kysera.infra.internal.Check;
import dev.kysera.infra.internal.OutermostRunner;
import dev.kysera.infra.internal.ReplicationLag;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.jooq.ConnectionProvider;
import org.jooq.Readonly;
import org.jooq.Select;
import org.jooq.TransactionProperty;

/**
 * Routes read-only transactions to replicas, as a decorator of the primary executor's transaction
 * runner; everything else stays on the primary.
 *
 * <pre>{@code
 * Executor replica = Executor.builder().dataSource(replicaPool, dialect).plugins(plugins).build();
 * ReadReplicas replicas = ReadReplicas.builder().primary(primaryPool).replica(replica, replicaPool)
 *         .maxReplicationLag(Duration.ofSeconds(5)).build();
 * Executor primary = Executor.builder().dataSource(primaryPool, dialect).plugins(plugins)
 *         .decorateTransactions(replicas.decorator()).build();
 * primary.transactionResult(tx -> tx.dsl().fetchCount(USERS), Readonly.READONLY);   // runs on the replica
 * }</pre>
 *
 * <p>An outermost transaction asked for with {@link Readonly#READONLY} runs as a read-only
 * transaction of the next replica executor (round robin), with the same isolation level; its block
 * receives the replica's executor, so build replicas with the primary's plugins. Read-write
 * transactions, and every nested transaction, stay on the primary, so work inside a transaction
 * that wrote reads its own writes. If a replica cannot even begin (a {@link TransientDatabaseException}
 * of kind {@code CONNECTION_LOST} or {@code DATABASE_BUSY} before the block ran) the next one is
 * tried, and at last the primary.
 *
 * <p><b>Statements outside transactions.</b> With {@link #statementGuard()} registered on the primary
 * executor, a jOOQ {@code SELECT} run outside a transaction (autocommit) runs on a replica too, by the
 * same rules; other autocommit statements stay on the primary. Without it they all do.
 *
 * <p><b>Lag bound.</b> With {@link Builder#maxReplicationLag(Duration)}, a replica further behind its
 * primary than the bound is skipped. The lag is read on the replica (PostgreSQL: WAL replay;
 * MySQL/MariaDB: {@code Seconds_Behind_Master}) at most once per {@link Builder#lagCheckInterval(Duration)}
 * by the transaction that finds the last reading expired; concurrent transactions use the last
 * reading meanwhile. Fail closed: a replica whose lag is unknown — not read yet, unreadable, a
 * replica that lost its primary, a node that says it is no replica — is skipped too.
 *
 * <p>{@link #health()} checks each node (the primary when given, then every replica given with
 * its data source). Thread-safe.
 */
public final class ReadReplicas {

    private final List<Node> replicas;
    private final HealthCheck primaryHealth;
    private final Duration maxLag;
    private final long checkIntervalNanos;
    private final int checkTimeoutSeconds;
    private final AtomicInteger next = new AtomicInteger();

    private ReadReplicas(Builder builder) {
        if (builder.replicas.isEmpty()) {
            throw new IllegalArgumentException("replicas must not be empty");
        }
        this.maxLag = builder.maxLag;
        Check.positive("lagCheckInterval", builder.checkInterval);
        if (maxLag != null) {
            Check.positive("maxReplicationLag", maxLag);
            Check.ordered("lagCheckInterval", builder.checkInterval, "maxReplicationLag", maxLag);
        }
        this.checkIntervalNanos = builder.checkInterval.toNanos();
        this.checkTimeoutSeconds = (int) Math.max(1, Check.positive("lagCheckTimeout", builder.checkTimeout).toSeconds());
        HealthOptions health = Objects.requireNonNull(builder.healthOptions, "healthOptions");
        this.primaryHealth = builder.primary == null ? null : HealthCheck.of(builder.primary, health);
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < builder.replicas.size(); i++) {
            Registered replica = builder.replicas.get(i);
            nodes.add(new Node("replica-" + (i + 1), replica.executor(),
                    replica.dataSource() == null ? null : HealthCheck.of(replica.dataSource(), health)));
        }
        this.replicas = List.copyOf(nodes);
    }

    /**
     * Routing over these replica executors (which the caller owns and closes), without a lag bound.
     *
     * @param replicas the replica executors, at least one
     * @return the routing
     */
    public static ReadReplicas of(List<Executor> replicas) {
        Builder builder = builder();
        Objects.requireNonNull(replicas, "replicas").forEach(builder::replica);
        return builder.build();
    }

    /**
     * Starts building routing with a lag bound and per-node health.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The decorator to pass to the primary's {@link Executor.Builder#decorateTransactions}.
     *
     * @return the decorator
     */
    public UnaryOperator<TransactionRunner> decorator() {
        return delegate -> new OutermostRunner(delegate) {
            @Override
            protected <T> T runOutermost(TransactionRequest request, Function<Executor, T> block) {
                return request.readOnly() ? onReplica(delegate, request, block) : delegate.run(request, block);
            }
        };
    }

    /**
     * The guard to pass to the primary's {@link Executor.Builder#guardStatements}: a jOOQ
     * {@link Select} run outside a transaction takes its connection from the next replica within the
     * lag bound (round robin with the transactions), a replica whose connection cannot be had is
     * skipped, and at last the primary serves. The statement is rendered by the primary executor, with
     * its plugins; only the connection is the replica's. Stays on the primary: plain-SQL statements
     * (they may write), {@code SELECT … INTO}, and every write. A read in autocommit sees what the
     * replica has applied: a write made just before it on the primary, in another autocommit statement
     * or transaction, may not be there yet (up to the lag bound); read in a transaction that wrote to
     * read one's own writes. Locking reads ({@code FOR UPDATE}/{@code FOR SHARE}) only make sense in a
     * transaction; outside one they would be sent to a replica, which refuses them on PostgreSQL.
     * Register it after the retry's guard: a repeated attempt of a read is routed again.
     *
     * @return the statement guard that routes autocommit reads
     */
    public StatementGuard statementGuard() {
        return new StatementGuard() {
            @Override
            public ConnectionProvider connections(AutocommitStatement statement, ConnectionProvider connections) {
                return statement.read() && statement.query() instanceof Select<?> select && select.$intoTable() == null
                        ? new RoutedConnections(connections) : connections;
            }
        };
    }

    /**
     * Checks every node now: the primary (when given to the builder) first, then each replica given
     * with a data source, in registration order. Each check returns within its
     * {@link HealthOptions#timeout()}; they run one after the other.
     *
     * @return the health of each node, in that order
     */
    public List<NodeHealth> health() {
        List<NodeHealth> nodes = new ArrayList<>();
        if (primaryHealth != null) {
            nodes.add(new NodeHealth("primary", false, primaryHealth.check()));
        }
        for (Node replica : replicas) {
            if (replica.health() != null) {
                nodes.add(new NodeHealth(replica.name(), true, replica.health().check()));
            }
        }
        return List.copyOf(nodes);
    }

    /**
     * Whether the replica registered at {@code index} (from 0) is within the lag bound now, reading
     * its lag if the last reading expired; always true without a bound.
     *
     * @param index the replica's position in registration order, from 0
     * @return whether that replica is routable now
     * @throws IndexOutOfBoundsException if there is no such replica
     */
    public boolean isRoutable(int index) {
        return withinBound(replicas.get(index));
    }

    /**
     * The lag of the replica at {@code index} as last read for routing, if a reading exists and the
     * lag was known; empty without a bound, whose routing reads no lag.
     *
     * @param index the replica's position in registration order, from 0
     * @return the last lag read for routing, if known
     * @throws IndexOutOfBoundsException if there is no such replica
     */
    public Optional<Duration> lastReadLag(int index) {
        Sample sample = replicas.get(index).sample().get();
        return sample == null ? Optional.empty() : Optional.ofNullable(sample.lag());
    }

    private <T> T onReplica(TransactionRunner primary, TransactionRequest request, Function<Executor, T> block) {
        List<TransactionProperty> properties = new ArrayList<>(List.of(Readonly.READONLY));
        request.isolationLevel().ifPresent(properties::add);
        TransactionProperty[] asked = properties.toArray(TransactionProperty[]::new);
        int first = Math.floorMod(next.getAndIncrement(), replicas.size());
        for (int i = 0; i < replicas.size(); i++) {
            Node replica = replicas.get((first + i) % replicas.size());
            if (!withinBound(replica)) {
                continue;
            }
            boolean[] started = {false};
            try {
                return replica.executor().transactionResult(tx -> {
                    started[0] = true;
                    return block.apply(tx);
                }, asked);
            } catch (TransientDatabaseException unreachable) {
                if (started[0] || !unreachable(unreachable)) {
                    throw unreachable;
                }
            }
        }
        return primary.run(request, block);
    }

    /** The connections of one autocommit read: the next replica's that can be had, else the primary's. */
    private final class RoutedConnections implements ConnectionProvider {
        private final ConnectionProvider primary;
        private final Map<Connection, ConnectionProvider> lent = new IdentityHashMap<>();

        RoutedConnections(ConnectionProvider primary) {
            this.primary = primary;
        }

        @Override
        public Connection acquire() {
            int first = Math.floorMod(next.getAndIncrement(), replicas.size());
            for (int i = 0; i < replicas.size(); i++) {
                Node replica = replicas.get((first + i) % replicas.size());
                if (!withinBound(replica)) {
                    continue;
                }
                ConnectionProvider source = replica.executor().dsl().configuration().connectionProvider();
                try {
                    return lend(source, source.acquire());
                } catch (TransientDatabaseException unreachable) {
                    if (!unreachable(unreachable)) {
                        throw unreachable;
                    }
                }
            }
            return lend(primary, primary.acquire());
        }

        private Connection lend(ConnectionProvider source, Connection connection) {
            lent.put(connection, source);
            return connection;
        }

        @Override
        public void release(Connection connection) {
            ConnectionProvider source = lent.remove(connection);
            (source == null ? primary : source).release(connection);
        }
    }

    private static boolean unreachable(TransientDatabaseException error) {
        return error.kind() == TransientDatabaseException.Kind.CONNECTION_LOST || error.kind() == TransientDatabaseException.Kind.DATABASE_BUSY;
    }

    private boolean withinBound(Node replica) {
        if (maxLag == null) {
            return true;
        }
        Sample sample = replica.sample().get();
        if ((sample == null || System.nanoTime() - sample.readAtNanos() >= checkIntervalNanos) && replica.refreshing().tryLock()) {
            try {
                sample = readLag(replica.executor());
                replica.sample().set(sample);
            } finally {
                replica.refreshing().unlock();
            }
        }
        return sample != null && sample.lag() != null && sample.lag().compareTo(maxLag) <= 0;
    }

    private Sample readLag(Executor replica) {
        try {
            ReplicationLag lag = replica.dsl().connectionResult(connection -> ReplicationLag.read(connection, checkTimeoutSeconds));
            return new Sample(lag.replica() ? lag.lag() : null, System.nanoTime());
        } catch (RuntimeException unreadable) {
            return new Sample(null, System.nanoTime()); // unknown: skipped until a later reading succeeds
        }
    }

    /**
     * One node's health.
     *
     * @param name    {@code primary}, or {@code replica-N} for the replica registered N-th
     * @param replica whether the node is one of the replicas
     * @param report  its health check's report
     */
    public record NodeHealth(String name, boolean replica, HealthReport report) {

        /**
         * Checks the components.
         *
         * @throws NullPointerException if {@code name} or {@code report} is null
         */
        public NodeHealth {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(report, "report");
        }
    }

    /** @param lag null when unknown */
    private record Sample(Duration lag, long readAtNanos) {
    }

    /** @param health null when the replica was registered without a data source */
    private record Node(String name, Executor executor, HealthCheck health, AtomicReference<Sample> sample, ReentrantLock refreshing) {
        Node(String name, Executor executor, HealthCheck health) {
            this(name, executor, health, new AtomicReference<>(), new ReentrantLock());
        }
    }

    private record Registered(Executor executor, DataSource dataSource) {
    }

    /** Builds {@link ReadReplicas}; {@link #build()} names the first bad value. */
    public static final class Builder {
        private final List<Registered> replicas = new ArrayList<>();
        private DataSource primary;
        private Duration maxLag;
        private Duration checkInterval = Duration.ofSeconds(1);
        private Duration checkTimeout = Duration.ofSeconds(2);
        private HealthOptions healthOptions = HealthOptions.defaults();

        private Builder() {
        }

        /**
         * Adds a replica executor (owned and closed by the caller); it is not in {@link ReadReplicas#health()}.
         *
         * @param replica the replica's executor, owned and closed by the caller
         * @return this builder
         */
        public Builder replica(Executor replica) {
            replicas.add(new Registered(Objects.requireNonNull(replica, "replica"), null));
            return this;
        }

        /**
         * Adds a replica executor and the data source it runs on, whose health {@link ReadReplicas#health()} checks.
         *
         * @param replica    the replica's executor, owned and closed by the caller
         * @param dataSource the data source it runs on
         * @return this builder
         */
        public Builder replica(Executor replica, DataSource dataSource) {
            replicas.add(new Registered(Objects.requireNonNull(replica, "replica"), Objects.requireNonNull(dataSource, "dataSource")));
            return this;
        }

        /**
         * The primary's data source, so {@link ReadReplicas#health()} checks it too.
         *
         * @param primary the primary's data source
         * @return this builder
         */
        public Builder primary(DataSource primary) {
            this.primary = Objects.requireNonNull(primary, "primary");
            return this;
        }

        /**
         * Skips replicas further behind their primary than {@code maxLag} (positive); unbounded by default.
         *
         * @param maxLag the bound, positive
         * @return this builder
         */
        public Builder maxReplicationLag(Duration maxLag) {
            this.maxLag = maxLag;
            return this;
        }

        /**
         * How long a lag reading is used before the next transaction reads it again (default 1 s);
         * positive and at most {@link #maxReplicationLag(Duration)}, since an older reading could
         * hide a lag over the bound.
         *
         * @param interval how long a lag reading is used before the next transaction reads it again (default 1 s); positive and at most {@link #maxReplicationLag(Duration)}, since an older reading could hide a lag over the bound
         * @return this builder
         */
        public Builder lagCheckInterval(Duration interval) {
            this.checkInterval = interval;
            return this;
        }

        /**
         * The query timeout of a lag reading, rounded down to whole seconds, at least 1 (default 2 s).
         *
         * @param timeout the query timeout, positive
         * @return this builder
         */
        public Builder lagCheckTimeout(Duration timeout) {
            this.checkTimeout = timeout;
            return this;
        }

        /**
         * The thresholds of the per-node health checks (default {@link HealthOptions#defaults()}).
         *
         * @param options the thresholds
         * @return this builder
         */
        public Builder healthOptions(HealthOptions options) {
            this.healthOptions = options;
            return this;
        }

        /**
         * The routing.
         *
         * @return the routing
         * @throws IllegalArgumentException if no replica was added, or naming the option and its value if
         *                                  one is out of range
         */
        public ReadReplicas build() {
            return new ReadReplicas(this);
        }
    }
}
