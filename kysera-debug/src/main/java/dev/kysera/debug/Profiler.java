package dev.kysera.debug;

import dev.kysera.debug.internal.ShapeProfile;
import dev.kysera.debug.internal.SqlShapes;
import dev.kysera.executor.PluginRoles;
import dev.kysera.executor.StatementEvent;
import dev.kysera.executor.StatementObserver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Measures every statement that runs through an executor, per statement shape (SQL with literals,
 * bind markers and IN lists normalised): count, errors, rows, total, mean, min, p50/p95/p99 and
 * max. It only observes; it never changes a statement.
 *
 * <p>Memory is bounded: at most {@link ProfilerOptions#maxShapes()} shapes are kept, each with a
 * fixed-size histogram; when a new shape would exceed the cap, the least recently executed
 * shapes are dropped and counted in {@link ProfilerSnapshot#evictedShapes()}. Recording is
 * lock-free (adders and atomics); only eviction takes a lock, and never does I/O under it, so
 * the profiler suits virtual threads.
 *
 * <pre>{@code
 * Profiler profiler = Profiler.defaults();
 * Executor executor = Executor.builder().dsl(dsl).plugin(profiler).build();
 * // … run the workload
 * System.out.println(profiler.snapshot().report());
 * }</pre>
 */
public final class Profiler extends DebugPlugin<ProfilerOptions> {

    private final SqlShapes shapes = new SqlShapes();
    private final ConcurrentHashMap<String, ShapeProfile> profiles = new ConcurrentHashMap<>();
    private final ReentrantLock eviction = new ReentrantLock();
    private final LongAdder evicted = new LongAdder();

    private Profiler(ProfilerOptions options) {
        super(options, options.name());
    }

    /**
     * A profiler with these options.
     *
     * @param options the name and the cap on shapes
     * @return the profiler, to register with an executor
     * @throws NullPointerException if {@code options} is null
     */
    public static Profiler of(ProfilerOptions options) {
        return new Profiler(options);
    }

    /**
     * A profiler with the default options.
     *
     * @return the profiler, to register with an executor
     */
    public static Profiler defaults() {
        return new Profiler(ProfilerOptions.defaults());
    }

    @Override
    public void register(PluginRoles roles) {
        roles.statementObserver(new StatementObserver() {
            @Override
            public boolean readsPlans() {
                return false; // only a new shape's plan is read (its kind)
            }

            @Override
            public void afterStatement(StatementEvent event) {
                record(event);
            }
        });
    }

    private void record(StatementEvent event) {
        String shape = event.sql().isEmpty() ? "<no sql>" : shapes.shape(event.sql(), event.context().dialect());
        ShapeProfile profile = profiles.get(shape);
        if (profile == null) {
            profile = profiles.computeIfAbsent(shape, s -> new ShapeProfile(s, event.plan().kind()));
            if (profiles.size() > options().maxShapes()) {
                evict();
            }
        }
        profile.record(event.elapsed().toNanos(), rows(event.rowCounts()), event.failure().isPresent());
    }

    /** The sum, without the stream {@link StatementEvent#affectedRows()} builds: this runs for every statement. */
    private static long rows(List<Long> rowCounts) {
        long rows = 0;
        for (int i = 0; i < rowCounts.size(); i++) {
            rows += rowCounts.get(i);
        }
        return rows;
    }

    /** Drops the least recently used shapes, a sixteenth of the cap at a time, so eviction is rare. */
    private void evict() {
        eviction.lock();
        try {
            int excess = profiles.size() - options().maxShapes();
            if (excess <= 0) {
                return;
            }
            int drop = Math.min(profiles.size(), Math.max(excess, options().maxShapes() / 16));
            List<Map.Entry<String, ShapeProfile>> entries = new ArrayList<>(profiles.entrySet());
            entries.sort(Comparator.comparingLong(e -> e.getValue().lastUsed()));
            for (int i = 0; i < drop; i++) {
                if (profiles.remove(entries.get(i).getKey(), entries.get(i).getValue())) {
                    evicted.increment();
                }
            }
        } finally {
            eviction.unlock();
        }
    }

    /**
     * The numbers so far, the shapes with the most total time first.
     *
     * @return a copy, taken without stopping statements that run meanwhile
     */
    public ProfilerSnapshot snapshot() {
        List<ShapeStats> stats = new ArrayList<>(profiles.size());
        for (ShapeProfile profile : profiles.values()) {
            stats.add(profile.stats());
        }
        stats.sort(Comparator.comparing(ShapeStats::total).reversed().thenComparing(ShapeStats::shape));
        return new ProfilerSnapshot(Instant.now(), stats, evicted.sum(), options().maxShapes());
    }

    /** Forgets every shape and the eviction count. */
    public void reset() {
        eviction.lock();
        try {
            profiles.clear();
            evicted.reset();
        } finally {
            eviction.unlock();
        }
    }

    /**
     * The numbers so far as a plain-text table: shorthand for {@code snapshot().report()}.
     *
     * @return the plain-text table of a new snapshot
     */
    public String report() {
        return snapshot().report();
    }

    @Override
    public String toString() {
        return "Profiler[" + options() + ", shapes=" + profiles.size() + "]";
    }
}
