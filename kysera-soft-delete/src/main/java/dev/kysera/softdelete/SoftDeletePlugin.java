package dev.kysera.softdelete;

import dev.kysera.core.temporal.TemporalValues;
import dev.kysera.core.temporal.TimestampStorage;
import dev.kysera.executor.Assignment;
import dev.kysera.executor.ContextKey;
import dev.kysera.executor.Executor;
import dev.kysera.executor.Extension;
import dev.kysera.executor.Plugin;
import dev.kysera.executor.PluginRoles;
import dev.kysera.executor.TableReference;
import dev.kysera.executor.Transform;
import dev.kysera.executor.plan.WriteIntent;
import dev.kysera.repository.Repository;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Soft delete: rows of configured tables are marked deleted instead of removed, and every SELECT,
 * UPDATE and DELETE run through the executor — repositories, DAL functions, plain DSL, joins,
 * subqueries — sees only live rows. Optionally a DELETE becomes an UPDATE that marks the rows.
 *
 * <pre>{@code
 * SoftDeletePlugin softDelete = SoftDeletePlugin.create();
 * Executor executor = Executor.of(dsl, softDelete);
 * softDelete.includingDeleted(executor).dsl().selectFrom(USERS).fetch();   // deleted rows too
 * users.extension(softDelete.operations()).restore(id);
 * }</pre>
 */
public final class SoftDeletePlugin implements Plugin {

    /** Runs after security filters and before value-setting plugins. */
    public static final int PRIORITY = 500;

    private final SoftDeleteOptions options;
    private final ContextKey<Boolean> includeDeleted;
    // Set only through softDeleting/restoring: the plugin object is the capability to declare its UPDATEs.
    private final ContextKey<WriteIntent> intent;
    private final Extension.Key<Repository<?, ?, ?, ?>, SoftDeleteOperations<?, ?>> operations;

    private SoftDeletePlugin(SoftDeleteOptions options) {
        this.options = options;
        this.includeDeleted = ContextKey.of(options.name() + ".include-deleted", Boolean.class);
        this.intent = ContextKey.of(options.name() + ".intent", WriteIntent.class);
        this.operations = Extension.Key.of(options.name() + ".operations");
    }

    /**
     * Soft delete with {@link SoftDeleteOptions#defaults()}: a {@code deleted_at} timestamp on
     * every table that has one.
     *
     * @return a new plugin, to pass to {@code Executor.of}
     */
    public static SoftDeletePlugin create() {
        return of(SoftDeleteOptions.defaults());
    }

    /**
     * Soft delete as {@code options} say.
     *
     * @param options the plugin's options
     * @return a new plugin, to pass to {@code Executor.of}
     * @throws NullPointerException if {@code options} is null
     */
    public static SoftDeletePlugin of(SoftDeleteOptions options) {
        return new SoftDeletePlugin(java.util.Objects.requireNonNull(options, "options"));
    }

    /**
     * The options this plugin was created with.
     *
     * @return the immutable options
     */
    public SoftDeleteOptions options() {
        return options;
    }

    /**
     * A derived executor whose statements also see soft-deleted rows; every other plugin still
     * applies. The given executor is unchanged.
     *
     * @param executor an executor this plugin is installed on
     * @return the derived executor
     */
    public Executor includingDeleted(Executor executor) {
        return executor.with(includeDeleted, Boolean.TRUE);
    }

    /**
     * The key of this plugin's repository operations, typed by the repository it is used with:
     * {@code users.extension(softDelete.operations())}.
     *
     * @param <T>  the repository's row type
     * @param <ID> the repository's id type
     * @return the key; the same key object on every call, only its type arguments differ
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T, ID> Extension.Key<Repository<T, ID, ?, ?>, SoftDeleteOperations<T, ID>> operations() {
        return (Extension.Key) operations;
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
        return options.tables().selects(table, options.column());
    }

    @Override
    public void register(PluginRoles roles) {
        roles.rowFilter((table, operation, context) ->
                context.isSet(includeDeleted) ? Optional.empty() : Optional.of(live(table.reference())));
        roles.transform((table, operation, context) -> switch (operation) {
            case DELETE -> options.deleteAsUpdate()
                    ? Transform.deleteAsUpdate(List.of(Assignment.forced(options.column(), deletedValue(table.table(), context.dialect()))))
                    : Transform.keep();
            // The UPDATEs of SoftDeleteOperations say in the plan that they soft-delete or restore (audit records them so).
            case UPDATE -> context.get(intent).map(Transform::markAs).orElse(Transform.keep());
            case READ, INSERT -> Transform.keep();
        });
    }

    /**
     * A derived executor whose UPDATEs of this plugin's tables are declared soft deletes in their plan
     * ({@link WriteIntent#SOFT_DELETE}: an audit log records them so) — for hand-written UPDATEs that
     * set the marker; {@link SoftDeleteOperations} uses it itself. Other statements run as usual.
     *
     * @param executor an executor this plugin is installed on
     * @return the derived executor
     */
    public Executor softDeleting(Executor executor) {
        return executor.with(intent, WriteIntent.SOFT_DELETE);
    }

    /**
     * A derived executor whose UPDATEs of this plugin's tables are declared restores in their plan
     * ({@link WriteIntent#RESTORE}); it still hides deleted rows unless also {@link #includingDeleted}.
     *
     * @param executor an executor this plugin is installed on
     * @return the derived executor
     */
    public Executor restoring(Executor executor) {
        return executor.with(intent, WriteIntent.RESTORE);
    }

    @Override
    public List<Extension<?, ?>> extensions() {
        return List.of(new Extension<>(operations, (Repository<?, ?, ?, ?> repository) -> bind(repository)));
    }

    private <T, ID> SoftDeleteOperations<T, ID> bind(Repository<T, ID, ?, ?> repository) {
        return new SoftDeleteOperations<>(this, repository);
    }

    // ------------------------------------------------------------------ marker SQL, shared with the operations

    /** The condition "this row is live", for the table as the statement names it. */
    Condition live(Name table) {
        Field<Object> marker = DSL.field(table.append(options.column()));
        return options.marker() == SoftDeleteOptions.Marker.TIMESTAMP
                ? marker.isNull()
                : DSL.field(table.append(options.column()), SQLDataType.BOOLEAN).isFalse();
    }

    Condition deleted(Name table) {
        return DSL.not(live(table));
    }

    /**
     * The value that marks a row of {@code table} deleted now: for a timestamp marker, typed for the
     * column as jOOQ knows it (LocalDateTime, OffsetDateTime, Instant, epoch number, ISO text).
     */
    Field<?> deletedValue(Table<?> table, SQLDialect dialect) {
        if (options.marker() != SoftDeleteOptions.Marker.TIMESTAMP) {
            return DSL.val(Boolean.TRUE);
        }
        Field<?> column = table.fields().length == 0 ? null : TemporalValues.column(table, options.column());
        return TemporalValues.bind(column, options.column(), TimestampStorage.AUTO, options.clock().instant(), dialect);
    }

    Object liveValue() {
        return options.marker() == SoftDeleteOptions.Marker.TIMESTAMP ? null : Boolean.FALSE;
    }

    Field<Object> markerColumn() {
        return DSL.field(DSL.name(options.column()));
    }
}
