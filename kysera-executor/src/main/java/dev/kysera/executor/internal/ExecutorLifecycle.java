package dev.kysera.executor.internal;

import dev.kysera.core.error.ErrorTranslator;
import dev.kysera.executor.ExecutorClosedException;
import dev.kysera.executor.Plugin;
import dev.kysera.executor.PluginLifecycleException;
import dev.kysera.executor.StatementGuard;
import dev.kysera.executor.TransactionRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.jooq.DSLContext;

/**
 * What an executor and every view derived from it share: the plugins and their roles, error
 * translation, transaction decorators, the transaction open on each thread, and whether the
 * executor was closed. Only the root executor closes it.
 */
public final class ExecutorLifecycle {

    private final List<Plugin> plugins;
    private final ActiveRoles roles;
    private final ErrorTranslator translator;
    private final List<UnaryOperator<TransactionRunner>> decorators;
    private final boolean connectsPerStatement;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong transactionIds = new AtomicLong();
    /** The outermost transaction open on each thread, so statements of unbound views join it. */
    private final ThreadLocal<TransactionState> threadTransaction = new ThreadLocal<>();
    /** Set once by the builder, before any statement runs. */
    private volatile PlanCache planCache = new PlanCache(PlanCache.DEFAULT_SIZE);
    /** Set once by the builder, before any statement runs. */
    private volatile List<StatementGuard> statementGuards = List.of();
    /** Prepared statements of statement shapes on SQLite, closed with the executor. */
    private final ShapeStatements shapeStatements = new ShapeStatements();

    /**
     * @param translator null to keep jOOQ's exceptions
     */
    public ExecutorLifecycle(List<Plugin> plugins, ErrorTranslator translator, List<UnaryOperator<TransactionRunner>> decorators,
                             boolean connectsPerStatement) {
        this.connectsPerStatement = connectsPerStatement;
        this.plugins = List.copyOf(plugins);
        this.roles = RoleCollector.collect(this.plugins);
        this.translator = translator;
        this.decorators = List.copyOf(decorators);
    }

    /** The plan cache shared by the executor and its views. */
    public PlanCache planCache() {
        return planCache;
    }

    /** Replaces the default plan cache with one of {@code capacity} entries (0: none); called by the builder. */
    public void planCacheSize(int capacity) {
        this.planCache = new PlanCache(capacity);
    }

    ShapeStatements shapeStatements() {
        return shapeStatements;
    }

    /** The guards of statements outside transactions, in registration order; empty for most executors. */
    public List<StatementGuard> statementGuards() {
        return statementGuards;
    }

    /** Sets the statement guards; called by the builder. */
    public void statementGuards(List<StatementGuard> guards) {
        this.statementGuards = List.copyOf(guards);
    }

    /** Whether the executor's source takes a connection from a {@code DataSource} per statement. */
    public boolean connectsPerStatement() {
        return connectsPerStatement;
    }

    public List<Plugin> plugins() {
        return plugins;
    }

    public ActiveRoles roles() {
        return roles;
    }

    /** The error translator, or empty when errors stay jOOQ's. */
    public Optional<ErrorTranslator> translator() {
        return Optional.ofNullable(translator);
    }

    /** {@code base} wrapped by every registered decorator, the first registered outermost. */
    public TransactionRunner decorate(TransactionRunner base) {
        TransactionRunner runner = base;
        for (UnaryOperator<TransactionRunner> decorator : decorators.reversed()) {
            runner = decorator.apply(runner);
        }
        return runner;
    }

    long nextTransactionId() {
        return transactionIds.incrementAndGet();
    }

    /** The outermost transaction open on the current thread, or null. */
    public TransactionState threadTransaction() {
        return threadTransaction.get();
    }

    void bindThread(TransactionState transaction) {
        threadTransaction.set(transaction);
    }

    void unbindThread() {
        threadTransaction.remove();
    }

    /** @throws ExecutorClosedException if the executor was closed */
    public void requireOpen() {
        if (closed.get()) {
            throw new ExecutorClosedException();
        }
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Runs the plugins' init in order; on failure destroys those already initialized. */
    public void init(DSLContext raw) {
        for (int i = 0; i < plugins.size(); i++) {
            Plugin plugin = plugins.get(i);
            try {
                plugin.onInit(raw);
            } catch (RuntimeException e) {
                PluginLifecycleException failure = new PluginLifecycleException(PluginLifecycleException.INIT_FAILED,
                        "Plugin '" + plugin.name() + "' failed to initialize: " + e.getMessage(), e);
                destroyInReverse(plugins.subList(0, i)).ifPresent(failure::addSuppressed);
                closed.set(true);
                throw failure;
            }
        }
    }

    /** Closes once: every plugin's destroy in reverse order, even if some fail. */
    public void close() {
        if (closed.compareAndSet(false, true)) {
            shapeStatements.close();
            destroyInReverse(plugins).ifPresent(failure -> {
                throw failure;
            });
        }
    }

    private static Optional<PluginLifecycleException> destroyInReverse(List<Plugin> initialized) {
        PluginLifecycleException failure = null;
        for (Plugin plugin : new ArrayList<>(initialized).reversed()) {
            try {
                plugin.onDestroy();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = new PluginLifecycleException(PluginLifecycleException.DESTROY_FAILED,
                            "Plugin '" + plugin.name() + "' failed to shut down: " + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        return Optional.ofNullable(failure);
    }
}
