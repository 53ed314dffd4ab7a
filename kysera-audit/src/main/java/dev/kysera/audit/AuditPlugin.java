package dev.kysera.audit;

import dev.kysera.audit.internal.Capture;
import dev.kysera.executor.BypassToken;
import dev.kysera.executor.ContextKey;
import dev.kysera.executor.Executor;
import dev.kysera.executor.Extension;
import dev.kysera.executor.Operation;
import dev.kysera.executor.Plugin;
import dev.kysera.executor.PluginRoles;
import dev.kysera.executor.TableReference;
import dev.kysera.executor.Transform;
import dev.kysera.executor.plan.WriteIntent;
import dev.kysera.repository.Repository;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jooq.DSLContext;

/**
 * Audit: every INSERT, UPDATE and DELETE of an audited table that runs through the executor —
 * repositories, DAL functions, plain DSL, parsed plain SQL — writes one row per changed row to the
 * audit log, in the same transaction, so a rollback removes both. What cannot be audited exactly is
 * refused before it runs (fail closed: never a silent gap):
 * <ul>
 *   <li>writes to audited tables outside a transaction (nothing could keep the change and its audit
 *       row together);</li>
 *   <li>statements the executor cannot model (unparseable plain SQL, TRUNCATE, DDL, MERGE): the plugin
 *       is fail-closed, so they need {@link #bypassToken()};</li>
 *   <li>writes whose rows cannot be found again: INSERT … SELECT, multi-row INSERTs and batches with
 *       generated keys, batch UPDATEs and upserts, UPDATEs that set a key column to an expression,
 *       UPDATE … FROM;</li>
 *   <li>UPDATE, DELETE and INSERT of the audit log itself (append-only; see {@link AuditLog#purge}).</li>
 * </ul>
 *
 * <pre>{@code
 * AuditPlugin audit = AuditOptions.builder().table("users", "id").changedBy(USER).plugin();
 * Executor executor = Executor.of(dsl, audit);
 * AuditLog log = audit.log(executor);
 * executor.with(USER, "ann").transaction(tx -> tx.dsl().update(USERS).set(USERS.NAME, "Ann").where(USERS.ID.eq(1L)).execute());
 * log.history("users", 1L);   // [UPDATE name: … -> Ann, by ann]
 * }</pre>
 */
public final class AuditPlugin implements Plugin {

    /** Runs after security filters, soft delete and timestamps: it records what they made of a statement. */
    public static final int PRIORITY = 50;

    private final AuditOptions options;
    private final Capture capture;
    private final BypassToken token;
    private final AtomicBoolean initialized = new AtomicBoolean();
    // Private: only AuditLog.restore declares that its UPDATE brings a soft-deleted row back.
    private final ContextKey<Boolean> restoring;
    private final Extension.Key<Repository<?, ?, ?, ?>, AuditHistory<?, ?>> history;

    private AuditPlugin(AuditOptions options) {
        this.options = options;
        this.capture = new Capture(options);
        this.restoring = ContextKey.of(options.name() + ".restoring", Boolean.class);
        this.token = BypassToken.create(options.name() + " (unaudited writes, audit log maintenance)");
        this.history = Extension.Key.of(options.name() + ".history");
    }

    /**
     * The key of the audit history of a repository's rows, typed by the repository:
     * {@code users.extension(audit.history()).of(42L)}, {@code .restore(42L, entryId)}.
     * Getting the extension throws {@link IllegalArgumentException} if the repository's table is
     * not audited.
     *
     * @param <T>  the repository's row type
     * @param <ID> the repository's id type
     * @return the extension key, the same for every repository
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T, ID> Extension.Key<Repository<T, ID, ?, ?>, AuditHistory<T, ID>> history() {
        return (Extension.Key) history;
    }

    @Override
    public List<Extension<?, ?>> extensions() {
        return List.of(new Extension<>(history, (Repository<?, ?, ?, ?> repository) -> bind(repository)));
    }

    private <T, ID> AuditHistory<T, ID> bind(Repository<T, ID, ?, ?> repository) {
        AuditedTable table = options.table(repository.table().getName()).orElseThrow(() -> new IllegalArgumentException(
                "The table " + repository.table().getName() + " of this repository is not audited by " + name()));
        return new AuditHistory<>(repository, log(repository.executor()), table);
    }

    /**
     * Creates the plugin; one plugin serves one executor.
     *
     * @param options what to record and where
     * @return an audit plugin with these options
     * @throws NullPointerException for null options
     */
    public static AuditPlugin of(AuditOptions options) {
        return new AuditPlugin(java.util.Objects.requireNonNull(options, "options"));
    }

    /**
     * What this plugin records.
     *
     * @return the options this plugin was created with
     */
    public AuditOptions options() {
        return options;
    }

    /**
     * The audit log's query API over {@code executor} (the one this plugin is registered with, or a
     * view of it such as {@code executor.with(USER, …)} or one that includes soft-deleted rows).
     *
     * @param executor the executor whose visibility the log's reads follow
     * @return the log
     * @throws IllegalArgumentException if the executor does not run this plugin
     */
    public AuditLog log(Executor executor) {
        if (!executor.plugins().contains(this)) {
            throw new IllegalArgumentException("The executor does not run this audit plugin; register it with Executor.builder().plugin(…)");
        }
        return new AuditLog(this, executor);
    }

    /**
     * The capability to bypass this fail-closed plugin ({@code executor.bypassing(token)}: writes
     * there are not audited) and to purge the audit log. Hand it to system code only.
     *
     * @return this plugin's token
     */
    public BypassToken bypassToken() {
        return token;
    }

    /** The executor for AuditLog's UPDATE that puts back the version before a soft delete: recorded as RESTORE. */
    Executor restoring(Executor executor) {
        return executor.with(restoring, Boolean.TRUE);
    }

    Capture capture() {
        return capture;
    }

    @Override
    public String name() {
        return options.name();
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public boolean appliesTo(TableReference table) {
        return options.table(table.name()).isPresent() || isAuditTable(table);
    }

    private boolean isAuditTable(TableReference table) {
        return table.is(options.auditTableName())
                && (table.schema() == null || options.auditTableSchema().map(table.schema()::equals).orElse(true));
    }

    @Override
    public void register(PluginRoles roles) {
        roles.transform((table, operation, context) -> {
            if (isAuditTable(table)) {
                return Transform.refuse("the audit log " + options.auditTable() + " is append-only: it is written by the audit "
                        + "plugin alone, and purged with AuditLog.purge(token, …)");
            }
            if (!context.inTransaction()) {
                return Transform.refuse("writes to the audited table " + table.name() + " must run in a transaction "
                        + "(executor.transaction(…)), so that the change and its audit rows commit or roll back together");
            }
            return operation == Operation.UPDATE && context.isSet(restoring) ? Transform.markAs(WriteIntent.RESTORE) : Transform.keep();
        });
        roles.statementObserver(capture);
        roles.transactionObserver(capture);
        roles.enforcement(candidate -> candidate == token);
    }

    @Override
    public void onInit(DSLContext dsl) {
        if (!initialized.compareAndSet(false, true)) {
            throw new IllegalStateException("An AuditPlugin serves one executor; create another plugin for another executor");
        }
    }
}
