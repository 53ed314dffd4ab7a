package dev.kysera.executor.internal;

import dev.kysera.executor.Assignment;
import dev.kysera.executor.Operation;
import dev.kysera.executor.PlanCacheStatistics;
import dev.kysera.executor.TableReference;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jooq.Condition;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.Param;
import org.jooq.QueryPart;
import org.jooq.RenderContext;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.conf.ParamType;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;
import org.jooq.impl.DSL;
import org.jooq.impl.QOM;

/**
 * The executor's plan cache: for a statement shape already planned, the SQL that ran and where
 * each of its bind values comes from, so a repeated statement skips the rewrite and the rendering
 * of its rewritten copy. Bounded (least recently used evicted), safe under concurrency.
 *
 * <p>What makes a hit correct:
 * <ul>
 *   <li>The key is the caller's statement rendered without Kysera's listeners (its SQL text with
 *       {@code ?} for every bind value), the classes of its top-level tables, the dialect, the
 *       settings (by value, or by the executor's identity for them) and the active roles object:
 *       different plugin sets, bypasses, dialects or settings never share an entry.</li>
 *   <li>Plugins still decide on every execution: their roles are called again for the same table
 *       occurrences, and the SQL of what they returned (values as {@code ?}) must equal what the
 *       cached variant was built from; a plugin whose decision changes shape with the context (a
 *       condition of another form, a filter that disappears) selects another variant or plans
 *       afresh. Context values and plugin values are bind values read at this execution.</li>
 *   <li>Only single-statement renders that the executor fully models are cached: one statement
 *       node (no subqueries, CTEs, implicit joins), no plain SQL anywhere, no RETURNING, no
 *       batches, every bind value of the SQL that ran traced to the caller's statement or to a
 *       plugin's decision (nothing inlined); scopes with statement observers, write rules or
 *       fail-closed plugins, and configurations with the caller's own execute listeners, are not
 *       cached at all (they need the per-execution plan and rewritten statement).</li>
 * </ul>
 */
public final class PlanCache {

    /** Where a miss leaves what it learns for the execution listener ({@code ExecuteContext.data}). */
    static final String PENDING = "dev.kysera.executor.planCache.pending";
    /** Where a hit leaves the bind values the execution listener binds. */
    static final String BINDS = "dev.kysera.executor.planCache.binds";

    /** Entries kept by default. */
    public static final int DEFAULT_SIZE = 256;
    /** Decision shapes kept per statement shape. */
    private static final int VARIANTS = 4;

    private static final MethodHandle BIND_VALUES = accessor("org.jooq.impl.DefaultRenderContext", "bindValues");
    private static final MethodHandle KEEP_STATEMENT = accessor("org.jooq.impl.AbstractQuery", "keepStatement");
    private static final MethodHandle RETURNING = fieldAccessor("org.jooq.impl.AbstractDMLQuery", "returning");
    private static final MethodHandle DELEGATE = accessor("org.jooq.impl.AbstractDelegatingQuery", "getDelegate");

    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<Key, Entry> entries;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong evictions = new AtomicLong();
    private final AtomicLong shapeRuns = new AtomicLong();
    /** The last listener-free context used to render keys: one per (dialect, settings) pair in practice. */
    private volatile Keyer keyer;

    /** A keyer and what stands for its settings ({@link #settingsKey}), read and written together. */
    private record Keyer(DSLContext dsl, Object settings) {
    }

    /** @param capacity entries kept, 0 to disable */
    public PlanCache(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true);
    }

    /** Whether this cache can be used: it has room and this jOOQ exposes the bind values of a render. */
    public boolean enabled() {
        return capacity > 0 && BIND_VALUES != null && KEEP_STATEMENT != null && RETURNING != null && DELEGATE != null;
    }

    /** The numbers tests and operators read. */
    public PlanCacheStatistics statistics() {
        lock.lock();
        try {
            return new PlanCacheStatistics(enabled(), capacity, entries.size(), hits.get(), misses.get(), evictions.get(),
                    shapeRuns.get());
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- keys

    /** A listener-free context with the configuration's dialect and settings, to render keys and fragments. */
    DSLContext keyer(Configuration configuration) {
        Keyer current = keyer;
        Object settings = settingsKey(configuration);
        if (current != null && current.dsl().dialect() == configuration.dialect() && current.settings().equals(settings)) {
            return current.dsl();
        }
        DSLContext created = DSL.using(configuration.dialect(), configuration.settings());
        keyer = new Keyer(created, settings instanceof Settings ? created.settings() : settings);
        return created;
    }

    /** Where an executor's configurations carry the identity of their settings' value. */
    static final String SETTINGS_ID = "dev.kysera.executor.planCache.settings";

    /**
     * Names the value of one executor configuration's settings: jOOQ copies settings into every
     * derived configuration, so the executor's own derivations ({@code with(…)} per request) carry
     * this, valid while the configuration still holds {@code settings} itself.
     */
    record SettingsId(Settings settings, Object id) {
    }

    /** Settings values an executor's configurations have had, each with its identity: a transaction's executor reuses its parent's. */
    private final Map<Settings, Object> settingsIdentities = new HashMap<>();
    private static final int SETTINGS_IDENTITIES = 16;

    /**
     * The identity of this settings value among the configurations of one executor: every
     * transaction builds its executor's configuration (and settings) anew, and keys made with a
     * fresh identity each time would miss every plan learned outside it, or in an earlier one.
     * Past {@value #SETTINGS_IDENTITIES} values a new identity is given (keys stay correct, only
     * unshared).
     */
    Object settingsIdentity(Settings settings) {
        if (settings == null) {
            return new Object();
        }
        lock.lock();
        try {
            Object id = settingsIdentities.get(settings);
            if (id == null) {
                id = new Object();
                if (settingsIdentities.size() < SETTINGS_IDENTITIES) {
                    settingsIdentities.put((Settings) settings.clone(), id);
                }
            }
            return id;
        } finally {
            lock.unlock();
        }
    }

    /** Marks an executor configuration: it and its rescoped derivations share one settings identity. */
    public static void markSettings(Configuration configuration, Object id) {
        configuration.data(SETTINGS_ID, new SettingsId(configuration.settings(), id));
    }

    /** Passes a configuration's settings identity to one derived from it, if it is still valid for both. */
    public static void inheritSettings(Configuration from, Configuration derived) {
        if (from.data(SETTINGS_ID) instanceof SettingsId parent && parent.settings() == from.settings()) {
            derived.data(SETTINGS_ID, new SettingsId(derived.settings(), parent.id()));
        } else {
            derived.data().remove(SETTINGS_ID);
        }
    }

    /**
     * What stands for a configuration's settings in a key: the executor's settings identity when
     * the configuration still holds the settings it was marked with (compared by identity), else
     * the settings themselves (compared by value, hundreds of fields).
     */
    static Object settingsKey(Configuration configuration) {
        Settings settings = configuration.settings();
        return configuration.data(SETTINGS_ID) instanceof SettingsId marked && marked.settings() == settings ? marked.id() : settings;
    }

    /** Whether statements rendered with these settings bind their values (the cache relies on it). */
    static boolean binds(Settings settings) {
        return settings == null || (settings.getStatementType() != StatementType.STATIC_STATEMENT
                && (settings.getParamType() == null || settings.getParamType() == ParamType.INDEXED));
    }

    /** SQL and bind values of one query part, rendered without listeners; null when jOOQ hides the bind values. */
    static Rendered render(DSLContext keyer, QueryPart part) {
        RenderContext context = keyer.renderContext();
        context.visit(part);
        String sql = context.render();
        try {
            Object values = BIND_VALUES.invoke(context);
            if (!(values instanceof List<?> list)) {
                return null;
            }
            List<Param<?>> params = new ArrayList<>(list.size());
            for (Object value : list) {
                if (!(value instanceof Param<?> param) || param.isInline()) {
                    return null;
                }
                params.add(param);
            }
            return new Rendered(sql, params);
        } catch (Throwable e) {
            return null;
        }
    }

    record Rendered(String sql, List<Param<?>> params) {
    }

    /**
     * The leaves of a statement's top-level FROM items (UPDATE: its table, then FROM; INSERT: its
     * table), depth first, left before right, as the rewriter visits them; null for other nodes.
     */
    static List<Table<?>> leaves(QueryPart statement) {
        List<Table<?>> leaves = new ArrayList<>(4);
        switch (statement) {
            case org.jooq.Select<?> select -> select.$from().forEach(table -> collect(table, leaves));
            case QOM.Update<?> update -> {
                collect(update.$table(), leaves);
                update.$from().forEach(table -> collect(table, leaves));
            }
            case QOM.Insert<?> insert -> collect(insert.$into(), leaves);
            default -> {
                return null;
            }
        }
        return leaves;
    }

    private static void collect(Table<?> table, List<Table<?>> leaves) {
        if (table instanceof QOM.JoinTable<?, ?> join) {
            collect(join.$table1(), leaves);
            collect(join.$table2(), leaves);
        } else {
            leaves.add(table);
        }
    }

    static Key key(ActiveRoles roles, Configuration configuration, QueryPart statement, String sql, List<Table<?>> leaves) {
        return key(roles, configuration, statement.getClass(), sql, leaves);
    }

    /** What stands for the statement kind of an INSERT … RETURNING learned for a statement shape. */
    private enum ReturningInsert {
    }

    /** The key of an INSERT … RETURNING learned for a statement shape: never the key of a statement without RETURNING. */
    static Key returningKey(ActiveRoles roles, Configuration configuration, String sql, List<Table<?>> leaves) {
        return key(roles, configuration, ReturningInsert.class, sql, leaves);
    }

    private static Key key(ActiveRoles roles, Configuration configuration, Class<?> kind, String sql, List<Table<?>> leaves) {
        List<Class<?>> classes = new ArrayList<>(leaves.size());
        for (Table<?> leaf : leaves) {
            classes.add(leaf.getClass());
        }
        return new Key(roles, configuration.dialect(), settingsKey(configuration), kind, sql, classes);
    }

    /**
     * Roles compare by identity: equal-looking plugin sets of two executors never share. Settings
     * compare by the executor's identity for their value, else by value.
     */
    static final class Key {
        private final ActiveRoles roles;
        private final SQLDialect dialect;
        /** An executor's settings identity, or a private copy of the settings (compared by value). */
        private final Object settings;
        private final Class<?> kind;
        private final String sql;
        private final List<Class<?>> tables;
        private final int hash;

        Key(ActiveRoles roles, SQLDialect dialect, Object settings, Class<?> kind, String sql, List<Class<?>> tables) {
            this.roles = roles;
            this.dialect = dialect;
            this.settings = settings;
            this.kind = kind;
            this.sql = sql;
            this.tables = List.copyOf(tables);
            this.hash = (System.identityHashCode(roles) * 31 + dialect.hashCode()) * 31 + sql.hashCode();
        }

        /** The same shape under another scope's roles (a statement shape learned under one, run under another). */
        Key withRoles(ActiveRoles other) {
            return other == roles ? this : new Key(other, dialect, settings, kind, sql, tables);
        }

        Key withOwnSettings() {
            return settings instanceof Settings value ? new Key(roles, dialect, value.clone(), kind, sql, tables) : this;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.hash == hash && key.roles == roles && key.dialect == dialect
                    && key.kind == kind && key.sql.equals(sql) && key.tables.equals(tables)
                    && key.settings.equals(settings);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    // ---------------------------------------------------------------- decisions

    /** What kind of role call a decision was. */
    enum DecisionKind { FILTER, VALUES, TRANSFORM }

    /** One role call of a planned statement, with what the roles returned. */
    record Decision(DecisionKind kind, TableReference table, Operation operation, List<Condition> conditions,
                    List<Assignment> values) {
    }

    /** A role call to repeat on a hit: which top-level leaf, what kind, which operation. */
    record Call(DecisionKind kind, int leaf, Operation operation) {
    }

    /**
     * The shape of what the roles decided (each fragment's SQL, values as {@code ?}) and the bind
     * values in it, in decision order; null when a fragment cannot be rendered with its values bound.
     */
    static Signature signature(DSLContext keyer, List<Decision> decisions) {
        List<String> shape = new ArrayList<>(decisions.size());
        List<Param<?>> params = new ArrayList<>();
        for (Decision decision : decisions) {
            StringBuilder text = new StringBuilder(decision.kind().name());
            for (Condition condition : decision.conditions()) {
                if (!fragment(keyer, condition, text, params)) {
                    return null;
                }
            }
            for (Assignment assignment : decision.values()) {
                text.append('|').append(assignment.column()).append(assignment.overwrite() ? "!" : "");
                if (!fragment(keyer, assignment.value(), text, params)) {
                    return null;
                }
            }
            shape.add(text.toString());
        }
        return new Signature(shape, params);
    }

    private static boolean fragment(DSLContext keyer, QueryPart part, StringBuilder text, List<Param<?>> params) {
        if (part instanceof Param<?> param && !param.isInline()) {
            // A plain value renders as "?" whatever it holds; its type still shapes the SQL (casts).
            text.append("|?").append(param.getDataType().getTypeName()).append(':').append(param.getType().getName());
            params.add(param);
            return true;
        }
        int mark = text.length();
        int bound = params.size();
        text.append("|s:");
        if (structure(part, text, params)) {
            return true;
        }
        text.setLength(mark);
        params.subList(bound, params.size()).clear();
        Rendered rendered = render(keyer, part);
        if (rendered == null) {
            return false;
        }
        text.append('|').append(rendered.sql());
        params.addAll(rendered.params());
        return true;
    }

    /**
     * The structure of the conditions plugins return most (a column compared with a value, a
     * column tested for null, TRUE/FALSE), written without rendering them: jOOQ renders these
     * from exactly what is written here (operator, column's qualified name and type, value's type),
     * so equal text means equal SQL under the same settings. False for anything else (rendered).
     */
    private static boolean structure(QueryPart part, StringBuilder text, List<Param<?>> params) {
        String type = part.getClass().getName();
        switch (part) {
            case QOM.CompareCondition<?, ?> compare when column(compare.$arg1(), text) -> {
                text.append(' ').append(type).append(' ');
                return value(compare.$arg2(), text, params) || column(compare.$arg2(), text);
            }
            case QOM.IsNull isNull -> {
                text.append(type).append(' ');
                return column(isNull.$arg1(), text);
            }
            case QOM.IsNotNull isNotNull -> {
                text.append(type).append(' ');
                return column(isNotNull.$arg1(), text);
            }
            case QOM.True t -> {
                text.append(type);
                return true;
            }
            case QOM.False f -> {
                text.append(type);
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private static boolean column(QueryPart part, StringBuilder text) {
        if (!(part instanceof org.jooq.TableField<?, ?> field) || !field.getClass().getName().equals("org.jooq.impl.TableFieldImpl")) {
            return false;
        }
        text.append("col");
        // The name's parts and their quoting, not Name.toString(): that renders it, the costliest part of a signature.
        for (org.jooq.Name name : field.getQualifiedName().parts()) {
            text.append(" ").append(name.quoted()).append(":").append(name.first().length()).append(":").append(name.first());
        }
        text.append(' ').append(field.getDataType().getTypeName()).append(':').append(field.getType().getName());
        return true;
    }

    private static boolean value(QueryPart part, StringBuilder text, List<Param<?>> params) {
        if (!(part instanceof Param<?> param) || param.isInline() || !param.getClass().getName().equals("org.jooq.impl.Val")) {
            return false;
        }
        text.append("? ").append(param.getDataType().getTypeName()).append(':').append(param.getType().getName());
        params.add(param);
        return true;
    }

    record Signature(List<String> shape, List<Param<?>> params) {
    }

    // ---------------------------------------------------------------- entries

    /** What is cached for one statement shape: the role calls to repeat and up to a few decision shapes. */
    static final class Entry {
        final List<Call> calls;
        private final List<Variant> variants = new ArrayList<>(1);

        Entry(List<Call> calls) {
            this.calls = List.copyOf(calls);
        }

        Variant variant(List<String> shape) {
            for (Variant variant : variants) {
                if (variant.shape().equals(shape)) {
                    return variant;
                }
            }
            return null;
        }
    }

    /**
     * The SQL that ran for one decision shape, and for each of its bind values where it comes from:
     * {@code >= 0} the caller's bind value at that index, {@code < 0} the plugin value at index
     * {@code -(i + 1)}.
     */
    record Variant(List<String> shape, String sql, int[] sources) {

        Param<?>[] binds(List<Param<?>> caller, List<Param<?>> plugins) {
            Param<?>[] binds = new Param<?>[sources.length];
            for (int i = 0; i < sources.length; i++) {
                int source = sources[i];
                binds[i] = source >= 0 ? caller.get(source) : plugins.get(-source - 1);
            }
            return binds;
        }
    }

    /** The entry of a shape, counting a hit or a miss. */
    Entry lookup(Key key) {
        lock.lock();
        try {
            return entries.get(key);
        } finally {
            lock.unlock();
        }
    }

    void hit() {
        hits.incrementAndGet();
    }

    /** A hit run as a statement shape, over JDBC. */
    void shapeRun() {
        hits.incrementAndGet();
        shapeRuns.incrementAndGet();
    }

    void miss() {
        misses.incrementAndGet();
    }

    /** Adds a planned variant; an entry whose role calls differ is replaced, the least recently used evicted. */
    void store(Key key, List<Call> calls, Variant variant) {
        lock.lock();
        try {
            Entry entry = entries.get(key);
            if (entry == null || !entry.calls.equals(calls)) {
                // The stored key must not change if the caller later mutates the settings it rendered with.
                key = key.withOwnSettings();
                entry = new Entry(calls);
                entries.put(key, entry);
            }
            if (entry.variant(variant.shape()) == null) {
                if (entry.variants.size() >= VARIANTS) {
                    entry.variants.removeFirst();
                }
                entry.variants.add(variant);
            }
            while (entries.size() > capacity) {
                var eldest = entries.entrySet().iterator();
                eldest.next();
                eldest.remove();
                evictions.incrementAndGet();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Variants are read under the lock too: they are added while other threads look them up. */
    Variant variant(Entry entry, List<String> shape) {
        lock.lock();
        try {
            return entry.variant(shape);
        } finally {
            lock.unlock();
        }
    }

    /** The bind values of a hit, and the listener-free context to bind them with. */
    record Binds(Param<?>[] params, DSLContext keyer) {
    }

    // ---------------------------------------------------------------- a miss being planned

    /**
     * What a miss learns while it is planned and rendered, completed by the execution listener once
     * jOOQ has the SQL and bind values that will run.
     */
    static final class Pending {
        final PlanCache cache;
        final Key key;
        final DSLContext keyer;
        final List<Param<?>> callerParams;
        final List<Table<?>> leaves;
        boolean poisoned;
        List<Call> calls;
        Signature signature;

        Pending(PlanCache cache, Key key, DSLContext keyer, List<Param<?>> callerParams, List<Table<?>> leaves) {
            this.cache = cache;
            this.key = key;
            this.keyer = keyer;
            this.callerParams = callerParams;
            this.leaves = leaves;
        }

        /** Maps the decisions of the planned statement to leaves and renders their shape; poisons when it cannot. */
        void planned(List<Decision> decisions) {
            if (poisoned || decisions == null) {
                poisoned = true;
                return;
            }
            List<Call> mapped = new ArrayList<>(decisions.size());
            for (Decision decision : decisions) {
                int leaf = indexOf(leaves, decision.table().table());
                if (leaf < 0) {
                    poisoned = true;
                    return;
                }
                mapped.add(new Call(decision.kind(), leaf, decision.operation()));
            }
            calls = mapped;
            signature = signature(keyer, decisions);
            poisoned = signature == null;
        }

        /** Stores the variant once the SQL and its bind values are known, if every bind value is accounted for. */
        void rendered(String sql, Param<?>[] finalParams) {
            if (poisoned || calls == null || sql == null || finalParams == null) {
                return;
            }
            Map<Param<?>, Integer> caller = positions(callerParams);
            Map<Param<?>, Integer> plugin = positions(signature.params());
            for (Param<?> param : caller.keySet()) {
                if (plugin.containsKey(param)) {
                    return;
                }
            }
            int[] sources = new int[finalParams.length];
            boolean[] callerSeen = new boolean[callerParams.size()];
            boolean[] pluginSeen = new boolean[signature.params().size()];
            for (int i = 0; i < finalParams.length; i++) {
                Param<?> param = finalParams[i];
                Integer at;
                if (param.isInline()) {
                    return;
                } else if ((at = caller.get(param)) != null) {
                    sources[i] = at;
                    callerSeen[at] = true;
                } else if ((at = plugin.get(param)) != null) {
                    sources[i] = -at - 1;
                    pluginSeen[at] = true;
                } else {
                    // jOOQ made this value while rendering: it would not be this execution's next time.
                    return;
                }
            }
            if (!allSeen(callerSeen, callerParams, caller) || !allSeen(pluginSeen, signature.params(), plugin)) {
                // A value rendered inline (or dropped) would be the first execution's on every hit.
                return;
            }
            cache.store(key, calls, new Variant(signature.shape(), sql, sources));
        }

        private static boolean allSeen(boolean[] seen, List<Param<?>> params, Map<Param<?>, Integer> first) {
            for (int i = 0; i < params.size(); i++) {
                if (!seen[first.get(params.get(i))]) {
                    return false;
                }
            }
            return true;
        }

        private static Map<Param<?>, Integer> positions(List<Param<?>> params) {
            Map<Param<?>, Integer> positions = new IdentityHashMap<>();
            for (int i = 0; i < params.size(); i++) {
                positions.putIfAbsent(params.get(i), i);
            }
            return positions;
        }

        private static int indexOf(List<Table<?>> leaves, Table<?> table) {
            for (int i = 0; i < leaves.size(); i++) {
                if (leaves.get(i) == table) {
                    return i;
                }
            }
            return -1;
        }
    }

    // ---------------------------------------------------------------- jOOQ access

    /**
     * Whether the executed query may be served from the cache: not a kept statement, which jOOQ
     * re-executes with the bind values of its first render (a hit binds its values itself).
     */
    static boolean notKept(org.jooq.Query query) {
        try {
            // Not an AbstractQuery: the handle's cast fails, and the query is planned as usual.
            return query != null && !(boolean) KEEP_STATEMENT.invoke(query);
        } catch (Throwable e) {
            return false;
        }
    }

    /**
     * Whether an INSERT or UPDATE has no RETURNING of its own, including the one jOOQ sets for
     * {@code UpdatableRecord.store()} (identity read-back, emulated per dialect at execution).
     */
    static boolean noReturning(QueryPart statement) {
        if (statement instanceof org.jooq.Select<?>) {
            return true;
        }
        try {
            QueryPart dml = statement;
            for (int depth = 0; depth < 3 && !RETURNING.type().parameterType(0).isInstance(dml); depth++) {
                // jOOQ's DSL objects (InsertImpl, UpdateImpl) delegate to the query object that holds the state.
                dml = DELEGATE.type().parameterType(0).isInstance(dml) ? (QueryPart) DELEGATE.invoke(dml) : null;
            }
            return dml != null && RETURNING.invoke(dml) instanceof java.util.Collection<?> returning && returning.isEmpty();
        } catch (Throwable e) {
            // Not jOOQ's DML implementation: planned as usual.
            return false;
        }
    }

    /**
     * Whether an INSERT, UPDATE or DELETE returns rows: a RETURNING of its own, or the one jOOQ
     * sets for {@code UpdatableRecord.store()}. Read from jOOQ's DML state, else (jOOQ hidden by
     * the module system, or not jOOQ's DML implementation) from a listener-free render of it.
     */
    static boolean hasReturning(QueryPart statement) {
        if (statement == null || statement instanceof org.jooq.Select<?>
                || !(statement instanceof QOM.Insert<?> || statement instanceof QOM.Update<?> || statement instanceof QOM.Delete<?>
                || statement instanceof org.jooq.Insert<?> || statement instanceof org.jooq.Update<?> || statement instanceof org.jooq.Delete<?>)) {
            return false;
        }
        if (RETURNING != null && DELEGATE != null) {
            try {
                QueryPart dml = statement;
                for (int depth = 0; depth < 3 && dml != null && !RETURNING.type().parameterType(0).isInstance(dml); depth++) {
                    dml = DELEGATE.type().parameterType(0).isInstance(dml) ? (QueryPart) DELEGATE.invoke(dml) : null;
                }
                if (dml != null && RETURNING.invoke(dml) instanceof java.util.Collection<?> returning) {
                    return !returning.isEmpty();
                }
            } catch (Throwable e) {
                // Fall back to rendering it.
            }
        }
        return JooqInternals.returningOf(statement) != null;
    }

    private static MethodHandle fieldAccessor(String className, String fieldName) {
        try {
            java.lang.reflect.Field field = Class.forName(className).getDeclaredField(fieldName);
            field.setAccessible(true);
            return MethodHandles.lookup().unreflectGetter(field);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * jOOQ collects the bind values of a render in its render context, and knows whether a query
     * keeps its statement, but exposes neither; without them a key's values could not be told
     * apart from its SQL, so the cache is off when this jOOQ (or the module system) hides them.
     */
    private static MethodHandle accessor(String className, String methodName) {
        try {
            Class<?> type = Class.forName(className);
            Method method = type.getDeclaredMethod(methodName);
            method.setAccessible(true);
            return MethodHandles.lookup().unreflect(method);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
