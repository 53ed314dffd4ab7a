package dev.kysera.debug.internal;

import dev.kysera.debug.NPlusOneFinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** What one unit of work (a transaction or an explicit scope) executed, per shape; bounded. */
public final class WorkUnit {

    private final String label;
    private final int threshold;
    private final int maxShapes;
    private final ConcurrentHashMap<String, ShapeCount> shapes = new ConcurrentHashMap<>();

    public WorkUnit(String label, int threshold, int maxShapes) {
        this.label = label;
        this.threshold = threshold;
        this.maxShapes = maxShapes;
    }

    public String label() {
        return label;
    }

    /**
     * Counts one execution; returns the finding if this execution is the one that crossed the
     * threshold (once per shape), else {@code null}.
     */
    public NPlusOneFinding count(String shape, Object binds) {
        ShapeCount count = shapes.get(shape);
        if (count == null) {
            if (shapes.size() >= maxShapes) {
                return null;
            }
            count = shapes.computeIfAbsent(shape, s -> new ShapeCount());
        }
        int executions = count.executions.incrementAndGet();
        if (count.binds.size() <= threshold) {
            count.binds.add(binds);
        }
        if (count.binds.size() > threshold && count.crossed.compareAndSet(false, true)) {
            return new NPlusOneFinding(label, shape, executions, count.binds.size());
        }
        return null;
    }

    /** Every shape that crossed the threshold, with its final count. */
    public List<NPlusOneFinding> findings() {
        List<NPlusOneFinding> result = new ArrayList<>();
        shapes.forEach((shape, count) -> {
            if (count.crossed.get()) {
                result.add(new NPlusOneFinding(label, shape, count.executions.get(), count.binds.size()));
            }
        });
        return result;
    }

    private static final class ShapeCount {
        final AtomicInteger executions = new AtomicInteger();
        final Set<Object> binds = ConcurrentHashMap.newKeySet();
        final AtomicBoolean crossed = new AtomicBoolean();
    }
}
