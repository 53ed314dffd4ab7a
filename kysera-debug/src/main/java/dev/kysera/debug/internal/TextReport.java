package dev.kysera.debug.internal;

import dev.kysera.debug.ProfilerSnapshot;
import dev.kysera.debug.ShapeStats;
import java.time.Duration;
import java.util.Locale;

/** The profiler's plain-text report: one line per shape, the most total time first. */
public final class TextReport {

    private static final String ROW = "%10s %8s %9s %9s %9s %9s %9s %8s %6s  %s%n";

    private TextReport() {
    }

    public static String render(ProfilerSnapshot snapshot) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Kysera profiler: %d statements, %s ms in %d shapes%s%n", snapshot.totalCount(),
                millis(snapshot.totalTime()), snapshot.shapes().size(),
                snapshot.evictedShapes() == 0 ? "" : " (" + snapshot.evictedShapes() + " shapes evicted, cap " + snapshot.maxShapes() + ")"));
        out.append(String.format(Locale.ROOT, ROW, "total ms", "count", "mean ms", "p50 ms", "p95 ms", "p99 ms", "max ms", "rows",
                "errors", "shape"));
        for (ShapeStats s : snapshot.shapes()) {
            out.append(String.format(Locale.ROOT, ROW, millis(s.total()), s.count(), millis(s.mean()), millis(s.p50()),
                    millis(s.p95()), millis(s.p99()), millis(s.max()), s.rows(), s.errors(), abbreviate(s.shape(), 160)));
        }
        return out.toString();
    }

    /** Milliseconds with three decimals. */
    public static String millis(Duration duration) {
        return String.format(Locale.ROOT, "%.3f", duration.toNanos() / 1_000_000.0);
    }

    static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
