package dev.kysera.debug;

import dev.kysera.debug.internal.TextReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A consistent-enough copy of the {@link Profiler}'s numbers at one instant: each shape's numbers
 * are read without stopping writers, so a statement finishing during the copy may be counted in
 * one field and not yet in another.
 *
 * @param takenAt       when the snapshot was taken
 * @param shapes        one entry per shape, the most total time first
 * @param evictedShapes shapes dropped because more than {@code maxShapes} were seen since the last reset
 * @param maxShapes     the profiler's cap on shapes
 */
public record ProfilerSnapshot(Instant takenAt, List<ShapeStats> shapes, long evictedShapes, int maxShapes) {

    public ProfilerSnapshot {
        shapes = List.copyOf(shapes);
    }

    /** All executions counted, over every shape kept. */
    public long totalCount() {
        return shapes.stream().mapToLong(ShapeStats::count).sum();
    }

    /** All time counted, over every shape kept. */
    public Duration totalTime() {
        return shapes.stream().map(ShapeStats::total).reduce(Duration.ZERO, Duration::plus);
    }

    /** The numbers of one shape, if it is kept. */
    public Optional<ShapeStats> shape(String shape) {
        return shapes.stream().filter(s -> s.shape().equals(shape)).findFirst();
    }

    /** The {@code n} shapes with the most total time. */
    public List<ShapeStats> top(int n) {
        return shapes.subList(0, Math.min(n, shapes.size()));
    }

    /** A plain-text table of the shapes, the most total time first. */
    public String report() {
        return TextReport.render(this);
    }
}
