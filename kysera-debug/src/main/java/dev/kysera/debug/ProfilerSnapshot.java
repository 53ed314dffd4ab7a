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

    /**
     * Copies the shapes.
     *
     * @throws NullPointerException if {@code shapes} is or contains null
     */
    public ProfilerSnapshot {
        shapes = List.copyOf(shapes);
    }

    /**
     * All executions counted, over every shape kept.
     *
     * @return the sum of {@link ShapeStats#count()}; evicted shapes are not included
     */
    public long totalCount() {
        return shapes.stream().mapToLong(ShapeStats::count).sum();
    }

    /**
     * All time counted, over every shape kept.
     *
     * @return the sum of {@link ShapeStats#total()}; evicted shapes are not included
     */
    public Duration totalTime() {
        return shapes.stream().map(ShapeStats::total).reduce(Duration.ZERO, Duration::plus);
    }

    /**
     * The numbers of one shape, if it is kept.
     *
     * @param shape the normalised SQL, as {@link ShapeStats#shape()} gives it
     * @return its numbers, or empty if it was never seen or was evicted
     */
    public Optional<ShapeStats> shape(String shape) {
        return shapes.stream().filter(s -> s.shape().equals(shape)).findFirst();
    }

    /**
     * The {@code n} shapes with the most total time.
     *
     * @param n how many, not negative
     * @return at most {@code n} shapes, the most total time first
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public List<ShapeStats> top(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("top(n): n must not be negative, was " + n);
        }
        return shapes.subList(0, Math.min(n, shapes.size()));
    }

    /**
     * A plain-text table of the shapes, the most total time first.
     *
     * @return the table: a summary line, a header, then one line per shape
     */
    public String report() {
        return TextReport.render(this);
    }
}
