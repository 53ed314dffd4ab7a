package dev.kysera.spring.internal;

import dev.kysera.core.error.ErrorTranslator;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import org.jooq.Isolation;
import org.jooq.Readonly;
import org.jooq.TransactionContext;
import org.jooq.TransactionProperty;
import org.jooq.TransactionProvider;
import javax.sql.DataSource;
import org.jooq.exception.DataAccessException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * jOOQ transactions — and so Kysera's {@code executor.transaction(…)}, repositories' and the
 * DAL's — as transactions of Spring's transaction manager: code inside sees Spring's transaction
 * (JdbcTemplate, {@code @Transactional} methods join it), and a Kysera transaction begun inside a
 * Spring one is a savepoint (propagation NESTED). Isolation and read-only reach the manager, which
 * sets them on the JDBC connection; asking for them where they cannot apply (inside a running
 * transaction) is refused, never dropped.
 */
public final class SpringTransactions implements TransactionProvider {

    /** Set while this provider begins a transaction, so adoption knows Kysera already owns it. */
    private static final ThreadLocal<Boolean> BEGINNING = new ThreadLocal<>();

    private static final ErrorTranslator TRANSLATOR = ErrorTranslator.standard();

    private final PlatformTransactionManager manager;
    private final DataSource dataSource;
    private final boolean springErrors;

    /**
     * @param springErrors whether failures of the manager stay Spring's exceptions (Spring error
     *                     mode) rather than being handed to Kysera's translation
     */
    public SpringTransactions(PlatformTransactionManager manager, DataSource dataSource, boolean springErrors) {
        this.manager = manager;
        this.dataSource = dataSource;
        this.springErrors = springErrors;
    }

    /** Whether this provider is beginning a transaction on the current thread right now. */
    public static boolean beginningOnThisThread() {
        return BEGINNING.get() != null;
    }

    /** No defaults of its own: what a transaction asks for is what it gets (jOOQ uses these when it asks for none). */
    @Override
    public Set<TransactionProperty> properties() {
        return Set.of();
    }

    @Override
    public void begin(TransactionContext ctx) {
        boolean inside = TransactionSynchronizationManager.isActualTransactionActive();
        DefaultTransactionDefinition definition = new DefaultTransactionDefinition(
                inside ? TransactionDefinition.PROPAGATION_NESTED : TransactionDefinition.PROPAGATION_REQUIRED);
        definition.setName("kysera");
        for (TransactionProperty property : ctx.properties()) {
            switch (property) {
                case Isolation isolation -> definition.setIsolationLevel(isolationLevel(isolation));
                case Readonly readonly -> definition.setReadOnly(readonly == Readonly.READONLY);
                default -> throw new IllegalArgumentException("Unsupported transaction property " + property);
            }
        }
        if (inside && (definition.getIsolationLevel() != TransactionDefinition.ISOLATION_DEFAULT || definition.isReadOnly())) {
            // Spring would silently keep the running transaction's settings for a savepoint.
            throw new IllegalStateException("Isolation level and read-only cannot be set for a transaction nested in a running "
                    + "Spring transaction (it becomes a savepoint); set them on the outermost @Transactional instead, was "
                    + ctx.properties());
        }
        TransactionStatus status;
        BEGINNING.set(Boolean.TRUE);
        try {
            status = manager.getTransaction(definition);
        } catch (RuntimeException e) {
            throw failure("begin", e);
        } finally {
            BEGINNING.remove();
        }
        try {
            verify(definition);
        } catch (RuntimeException e) {
            manager.rollback(status);
            throw e;
        }
        if (status.isNewTransaction() && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(REFUSE_SUSPENSION);
        }
        ctx.transaction(new SpringTransaction(status));
    }

    /**
     * A Kysera-begun transaction stays bound to its thread while its block runs, so a Spring
     * transaction that suspended it (REQUIRES_NEW, NOT_SUPPORTED) would see Kysera's statements
     * still run on the suspended connection. Spring asks synchronizations before it suspends
     * anything: refusing there leaves the running transaction intact.
     */
    private static final TransactionSynchronization REFUSE_SUSPENSION = new TransactionSynchronization() {
        @Override
        public void suspend() {
            throw new IllegalStateException("A Spring transaction that suspends the running one (REQUIRES_NEW, NOT_SUPPORTED) "
                    + "cannot start inside executor.transaction(…): Kysera's statements would stay on the suspended transaction. "
                    + "Start the outer transaction with @Transactional (Kysera adopts it and follows suspensions) instead");
        }
    };

    /**
     * Spring logs and ignores a driver that cannot make a connection read-only (SQLite's, once the
     * connection is open); Kysera refuses instead of running a "read-only" transaction that writes.
     */
    private void verify(TransactionDefinition definition) {
        if (!definition.isReadOnly() && definition.getIsolationLevel() == TransactionDefinition.ISOLATION_DEFAULT) {
            return;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            // SQLite's read-only is enforced by TransactionAdoption (query_only) when the manager is bridged.
            if (definition.isReadOnly() && !ReadOnlyConnections.inForce(connection)) {
                throw new IllegalStateException("The JDBC driver did not make the connection read-only ("
                        + connection.getMetaData().getDatabaseProductName() + "); a read-only transaction is refused rather "
                        + "than run writable");
            }
            if (definition.getIsolationLevel() != TransactionDefinition.ISOLATION_DEFAULT
                    && connection.getTransactionIsolation() != definition.getIsolationLevel()) {
                throw new IllegalStateException("The JDBC driver did not set isolation level " + definition.getIsolationLevel()
                        + " (the connection reports " + connection.getTransactionIsolation() + "); the transaction is refused");
            }
        } catch (SQLException e) {
            throw new DataAccessException("Cannot read the transaction's connection settings", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    @Override
    public void commit(TransactionContext ctx) {
        try {
            manager.commit(status(ctx));
        } catch (RuntimeException e) {
            throw failure("commit", e);
        }
    }

    @Override
    public void rollback(TransactionContext ctx) {
        TransactionStatus status = status(ctx);
        if (status == null) {
            return; // begin failed: there is nothing to roll back
        }
        try {
            manager.rollback(status);
        } catch (RuntimeException e) {
            throw failure("rollback", e);
        }
    }

    private static TransactionStatus status(TransactionContext ctx) {
        return ctx.transaction() instanceof SpringTransaction transaction ? transaction.status() : null;
    }

    /**
     * A failure of the manager with a JDBC cause (e.g. a deferred constraint violated at commit)
     * gets the same model as statement errors: in Kysera's mode a jOOQ exception around the JDBC
     * cause, which the executor translates into its typed errors; in Spring's mode the Spring
     * exception for Kysera's classification, with the Kysera exception as its cause.
     */
    private RuntimeException failure(String step, RuntimeException e) {
        if (e instanceof IllegalStateException || e instanceof DataAccessException) {
            return e;
        }
        Throwable sql = e;
        while (sql != null && !(sql instanceof SQLException)) {
            sql = sql.getCause();
        }
        if (springErrors) {
            return sql == null ? e : SpringErrors.toSpring(TRANSLATOR.translate(sql));
        }
        return new DataAccessException("Spring transaction " + step + " failed: " + e.getMessage(), sql != null ? sql : e);
    }

    private static int isolationLevel(Isolation isolation) {
        return switch (isolation) {
            case READ_UNCOMMITTED -> TransactionDefinition.ISOLATION_READ_UNCOMMITTED;
            case READ_COMMITTED -> TransactionDefinition.ISOLATION_READ_COMMITTED;
            case REPEATABLE_READ -> TransactionDefinition.ISOLATION_REPEATABLE_READ;
            case SERIALIZABLE -> TransactionDefinition.ISOLATION_SERIALIZABLE;
        };
    }

    private record SpringTransaction(TransactionStatus status) implements org.jooq.Transaction {
    }
}
