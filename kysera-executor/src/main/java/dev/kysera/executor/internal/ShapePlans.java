package dev.kysera.executor.internal;

import dev.kysera.executor.StatementShape;
import dev.kysera.executor.TableReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Configuration;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.ResultQuery;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.TableRecord;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * What a {@link StatementShape} learned of its statement, per dialect, settings and which of its
 * values are null: the plan-cache key its statement renders to and where each bind value of that
 * render comes from. A call whose key has a cached plan variant for this call's plugin decisions
 * runs that variant's SQL over JDBC ({@link ShapeRun}); anything else builds the statement and
 * runs it through jOOQ, which plans it (and, once, teaches the shape its key).
 */
public final class ShapePlans {

    /** Templates kept per shape: one per dialect, settings and null pattern in practice. */
    private static final int TEMPLATES = 8;
    /** The shape being learned on this thread: the planner offers it the key of its top-level statement. */
    private static final ThreadLocal<Learning> LEARNING = new ThreadLocal<>();

    private final StatementShape.Factory factory;
    private volatile Template[] templates = new Template[0];

    public ShapePlans(StatementShape.Factory factory) {
        this.factory = factory;
    }

    /**
     * One learned rendering: the key (roles of the scope it was learned in), for each bind value
     * of the key's render the call value it takes ({@code >= 0}) or the constant param the factory
     * made ({@code -1}), and the leaves' references for the plugins' role calls.
     */
    private record Template(SQLDialect dialect, Object settings, long nulls, long[] wideNulls, PlanCache.Key key, int[] sources,
                            DataType<?>[] types, Param<?>[] constants, List<TableReference> references, ShapeRows fields) {

        boolean matches(SQLDialect dialect, Object settings, long nulls, long[] wideNulls) {
            return this.dialect == dialect && this.nulls == nulls && Arrays.equals(this.wideNulls, wideNulls)
                    && (this.settings == settings || this.settings instanceof Settings && this.settings.equals(settings));
        }

        List<Param<?>> params(Object[] values) {
            List<Param<?>> params = new ArrayList<>(sources.length);
            for (int i = 0; i < sources.length; i++) {
                params.add(sources[i] >= 0 ? val(values[sources[i]], types[i]) : constants[i]);
            }
            return params;
        }

        @SuppressWarnings("unchecked")
        private static <T> Param<T> val(Object value, DataType<T> type) {
            return DSL.val(value, type);
        }
    }

    /** What the planner offered while a shape was being learned: the first top-level statement's key. */
    private static final class Learning {
        PlanCache.Key key;
        List<Param<?>> params;
        List<Table<?>> leaves;
    }

    /** Whether a shape is being learned on this thread. */
    static boolean learning() {
        return LEARNING.get() != null;
    }

    /** Whether an INSERT … RETURNING of this dialect is one statement whose result set is the inserted rows. */
    static boolean returnsFromOneStatement(SQLDialect dialect) {
        return switch (dialect.family()) {
            // H2's data change delta table wraps the INSERT in a SELECT: two statement nodes, planned every time.
            case POSTGRES, SQLITE, MARIADB -> true;
            default -> false;
        };
    }

    /** Called by the planner for every top-level statement it looks up in the plan cache. */
    static void offer(PlanCache.Key key, List<Param<?>> params, List<Table<?>> leaves) {
        Learning learning = LEARNING.get();
        if (learning != null && learning.key == null) {
            learning.key = key;
            learning.params = params;
            learning.leaves = leaves;
        }
    }

    /**
     * Runs the shape with {@code values} on an executor's configuration.
     *
     * @return the rows, as jOOQ would have fetched them
     */
    public Result<Record> fetch(Configuration configuration, Object[] values) {
        Scope scope = Scope.of(configuration);
        if (scope == null || !ShapeRun.eligible(scope, configuration)) {
            return slow(configuration, values, null);
        }
        long nulls = nulls(values);
        // A multi-row INSERT has more values than one long tells apart.
        long[] wideNulls = values.length > Long.SIZE ? wideNulls(values) : null;
        Object settings = PlanCache.settingsKey(configuration);
        Template template = template(configuration.dialect(), settings, nulls, wideNulls);
        if (template == null) {
            return learn(configuration, values, settings, nulls, wideNulls);
        }
        Result<Record> fast = ShapeRun.fetch(scope, configuration, template.key(), template.references(),
                () -> template.params(values), template.fields());
        return fast != null ? fast : slow(configuration, values, null);
    }

    private Template template(SQLDialect dialect, Object settings, long nulls, long[] wideNulls) {
        for (Template template : templates) {
            if (template.matches(dialect, settings, nulls, wideNulls)) {
                return template;
            }
        }
        return null;
    }

    /** Runs the statement through jOOQ and keeps what its planning showed, if the shape is cacheable. */
    private Result<Record> learn(Configuration configuration, Object[] values, Object settings, long nulls, long[] wideNulls) {
        Learning learning = new Learning();
        Map<Param<?>, Integer> made = new IdentityHashMap<>();
        ResultQuery<? extends Record> query = build(configuration, values, made);
        Learning outer = LEARNING.get();
        LEARNING.set(learning);
        Result<Record> result;
        try {
            result = fetchThroughJooq(query);
        } finally {
            LEARNING.set(outer);
        }
        Template template = learning.key == null ? null : template(configuration, query, result, learning, made, settings, nulls,
                wideNulls);
        if (template != null) {
            Template[] current = templates;
            Template[] next = new Template[Math.min(TEMPLATES, current.length + 1)];
            next[0] = template;
            System.arraycopy(current, 0, next, 1, next.length - 1);
            templates = next;
        }
        return result;
    }

    private static Template template(Configuration configuration, ResultQuery<? extends Record> query, Result<Record> result,
                                     Learning learning,
                                     Map<Param<?>, Integer> made, Object settings, long nulls, long[] wideNulls) {
        if (TableRecord.class.isAssignableFrom(query.getRecordType())) {
            // Records of a table type are built by jOOQ's own record machinery.
            return null;
        }
        int[] sources = new int[learning.params.size()];
        DataType<?>[] types = new DataType<?>[sources.length];
        // Only the factory's own constants are kept: the first call's values are not retained.
        Param<?>[] constants = new Param<?>[sources.length];
        Map<Param<?>, Boolean> rendered = new IdentityHashMap<>();
        for (int i = 0; i < sources.length; i++) {
            Param<?> param = learning.params.get(i);
            Integer index = made.get(param);
            sources[i] = index == null ? -1 : index;
            types[i] = param.getDataType();
            constants[i] = index == null ? param : null;
            rendered.put(param, Boolean.TRUE);
        }
        for (Param<?> param : made.keySet()) {
            if (!rendered.containsKey(param)) {
                // jOOQ rendered a copy of this value (a conversion): the first call's value would stay.
                return null;
            }
        }
        List<TableReference> references = new ArrayList<>(learning.leaves.size());
        for (Table<?> leaf : learning.leaves) {
            references.add(TableResolver.resolve(leaf));
        }
        return new Template(configuration.dialect(), settings instanceof Settings value ? value.clone() : settings, nulls,
                wideNulls, learning.key.withOwnSettings(), sources, types, constants, references, new ShapeRows(result.fields()));
    }

    private Result<Record> slow(Configuration configuration, Object[] values, Map<Param<?>, Integer> made) {
        return fetchThroughJooq(build(configuration, values, made));
    }

    @SuppressWarnings("unchecked")
    private static Result<Record> fetchThroughJooq(ResultQuery<? extends Record> query) {
        return (Result<Record>) query.fetch();
    }

    private ResultQuery<? extends Record> build(Configuration configuration, Object[] values, Map<Param<?>, Integer> made) {
        return factory.build(DSL.using(configuration), new StatementShape.Arguments() {
            @Override
            public <T> Field<T> value(int index, Field<T> like) {
                Param<T> param = DSL.val(values[index], like);
                if (made != null) {
                    made.put(param, index);
                }
                return param;
            }
        });
    }

    /** Bit i set when value i (of the first 64) is null. */
    private static long nulls(Object[] values) {
        long nulls = 0;
        for (int i = 0, n = Math.min(values.length, Long.SIZE); i < n; i++) {
            if (values[i] == null) {
                nulls |= 1L << i;
            }
        }
        return nulls;
    }

    /** The null pattern of every value, one bit each. */
    private static long[] wideNulls(Object[] values) {
        long[] nulls = new long[(values.length + Long.SIZE - 1) / Long.SIZE];
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                nulls[i / Long.SIZE] |= 1L << (i % Long.SIZE);
            }
        }
        return nulls;
    }
}
