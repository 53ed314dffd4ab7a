package dev.kysera.debug;

import dev.kysera.debug.internal.SqlShapes;
import dev.kysera.debug.internal.WorkUnit;
import dev.kysera.executor.PluginRoles;
import dev.kysera.executor.StatementEvent;
import dev.kysera.executor.StatementObserver;
import dev.kysera.executor.TransactionHandle;
import dev.kysera.executor.TransactionObserver;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Finds N+1 query patterns: the same statement shape executed with different bind values more
 * than {@link NPlusOneOptions#threshold()} times inside one unit of work. A unit of work is an
 * explicit {@link #openScope(String) scope} open on the current thread, else the executor
 * transaction the statement runs in (savepoints belong to their outermost transaction);
 * statements outside both are not counted. Each shape is reported once per unit: in
 * {@link NPlusOneMode#LOG} and {@link NPlusOneMode#COLLECT} when the unit ends (with the final
 * count), in {@link NPlusOneMode#THROW} by refusing the statement that would cross the
 * threshold, before it is sent. Statements are counted when they are about to run (so a statement
 * that then fails counts too). A JDBC batch executes once, so a batched loop is not a finding.
 *
 * <pre>{@code
 * NPlusOneDetector detector = NPlusOneOptions.builder().threshold(10).mode(NPlusOneMode.THROW).plugin();
 * try (NPlusOneDetector.Scope request = detector.openScope("GET /users")) {
 *     // … statements of one request
 * }
 * }</pre>
 */
public final class NPlusOneDetector extends DebugPlugin<NPlusOneOptions> {

    private final SqlShapes shapes = new SqlShapes();
    private final ConcurrentHashMap<TransactionKey, WorkUnit> transactions = new ConcurrentHashMap<>();
    private final ThreadLocal<Deque<Scope>> scopes = new ThreadLocal<>();
    private final ReentrantLock findingsLock = new ReentrantLock();
    private final Deque<NPlusOneFinding> findings = new ArrayDeque<>();

    /** Transaction ids are unique per executor; pairing with the running thread keeps two executors apart. */
    private record TransactionKey(long id, long thread) {
        static TransactionKey of(TransactionHandle handle) {
            return new TransactionKey(handle.id(), Thread.currentThread().threadId());
        }
    }

    private NPlusOneDetector(NPlusOneOptions options) {
        super(options, options.name());
    }

    /**
     * A detector with these options.
     *
     * @param options how to judge and report
     * @return the detector, to register with an executor
     * @throws NullPointerException if {@code options} is null
     */
    public static NPlusOneDetector of(NPlusOneOptions options) {
        return new NPlusOneDetector(options);
    }

    /**
     * A detector with the default options.
     *
     * @return the detector, to register with an executor
     */
    public static NPlusOneDetector defaults() {
        return new NPlusOneDetector(NPlusOneOptions.defaults());
    }

    @Override
    public void register(PluginRoles roles) {
        roles.statementObserver(new StatementObserver() {
            @Override
            public void beforeStatement(StatementEvent event) {
                observe(event);
            }
        }).transactionObserver(new TransactionObserver() {
            @Override
            public void afterCommit(TransactionHandle transaction) {
                end(transaction);
            }

            @Override
            public void afterRollback(TransactionHandle transaction, Throwable cause) {
                end(transaction);
            }
        });
    }

    /**
     * Opens an explicit unit of work on the current thread (e.g. one web request), until the
     * returned scope is closed; scopes nest, the innermost counts. A scope does not follow work
     * handed to other threads.
     *
     * @param name names the unit in findings ({@code scope <name>})
     * @return the scope; close it (try-with-resources) on the thread that opened it
     * @throws NullPointerException if {@code name} is null
     */
    public Scope openScope(String name) {
        Scope scope = new Scope(Objects.requireNonNull(name, "name"),
                new WorkUnit("scope " + name, options().threshold(), options().maxShapesPerUnit()));
        Deque<Scope> open = scopes.get();
        if (open == null) {
            open = new ArrayDeque<>();
            scopes.set(open);
        }
        open.push(scope);
        return scope;
    }

    /**
     * The findings so far, oldest first (at most {@link NPlusOneOptions#maxFindings()}).
     *
     * @return an immutable copy
     */
    public List<NPlusOneFinding> findings() {
        findingsLock.lock();
        try {
            return List.copyOf(findings);
        } finally {
            findingsLock.unlock();
        }
    }

    /** Forgets the findings kept so far. */
    public void clearFindings() {
        findingsLock.lock();
        try {
            findings.clear();
        } finally {
            findingsLock.unlock();
        }
    }

    private void observe(StatementEvent event) {
        if (!options().kinds().contains(event.plan().kind()) || event.sql().isEmpty()) {
            return;
        }
        WorkUnit unit = unitOf(event);
        if (unit == null) {
            return;
        }
        NPlusOneFinding crossed = unit.count(shapes.shape(event.sql(), event.context().dialect()), event.binds());
        if (crossed != null && options().mode() == NPlusOneMode.THROW) {
            keep(List.of(crossed));
            throw new NPlusOneException(crossed);
        }
    }

    private WorkUnit unitOf(StatementEvent event) {
        Deque<Scope> open = scopes.get();
        if (open != null && !open.isEmpty()) {
            return open.peek().unit;
        }
        if (event.transaction().isEmpty()) {
            return null;
        }
        TransactionHandle handle = event.transaction().get();
        TransactionKey key = TransactionKey.of(handle);
        WorkUnit unit = transactions.get(key);
        if (unit == null && transactions.size() < options().maxOpenUnits()) {
            unit = transactions.computeIfAbsent(key, k -> new WorkUnit("transaction " + handle.id(), options().threshold(),
                    options().maxShapesPerUnit()));
        }
        return unit;
    }

    private void end(TransactionHandle transaction) {
        if (transaction.depth() == 0) {
            WorkUnit unit = transactions.remove(TransactionKey.of(transaction));
            if (unit != null) {
                report(unit);
            }
        }
    }

    private void report(WorkUnit unit) {
        if (options().mode() == NPlusOneMode.THROW) {
            return;
        }
        List<NPlusOneFinding> found = unit.findings();
        if (found.isEmpty()) {
            return;
        }
        keep(found);
        if (options().mode() == NPlusOneMode.LOG) {
            System.Logger logger = options().logger();
            for (NPlusOneFinding finding : found) {
                logger.log(options().level(), finding.message());
            }
        }
    }

    private void keep(List<NPlusOneFinding> found) {
        findingsLock.lock();
        try {
            for (NPlusOneFinding finding : found) {
                findings.addLast(finding);
                while (findings.size() > options().maxFindings()) {
                    findings.removeFirst();
                }
            }
        } finally {
            findingsLock.unlock();
        }
    }


    /** An explicit unit of work on one thread; closing it reports what it found. */
    public final class Scope implements AutoCloseable {
        private final String name;
        private final WorkUnit unit;
        private boolean closed;

        private Scope(String name, WorkUnit unit) {
            this.name = name;
            this.unit = unit;
        }

        /**
         * The scope's name.
         *
         * @return the name given to {@link NPlusOneDetector#openScope(String)}
         */
        public String name() {
            return name;
        }

        /**
         * What this scope found so far (shapes that crossed the threshold, with their current counts).
         *
         * @return a new list, in no particular order
         */
        public List<NPlusOneFinding> findings() {
            return unit.findings();
        }

        /**
         * Ends the scope and reports its findings (logs or keeps them, as the mode says); closing
         * twice does nothing. Close it on the thread that opened it: elsewhere it stays open there.
         */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            Deque<Scope> open = scopes.get();
            if (open != null) {
                open.remove(this);
            }
            if (open == null || open.isEmpty()) {
                scopes.remove();
            }
            report(unit);
        }
    }
}
