package dev.kysera.debug;

import dev.kysera.debug.internal.TextReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A profiler snapshot as one self-contained HTML page (inline CSS, no scripts, nothing fetched from
 * the network): the shapes sorted by total time with their numbers and a latency histogram each,
 * and the N+1 findings. Every text from the database side is HTML-escaped.
 */
public final class HtmlReport {

    private HtmlReport() {
    }

    /**
     * The page for a snapshot and its N+1 findings.
     *
     * @param snapshot the profiler's numbers
     * @param findings N+1 findings to list, possibly empty
     * @return the complete HTML document
     * @throws NullPointerException if either argument is null
     */
    public static String render(ProfilerSnapshot snapshot, List<NPlusOneFinding> findings) {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(findings, "findings");
        StringBuilder html = new StringBuilder(4096);
        html.append("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <title>Kysera profiler report</title>
                <style>
                body{font:14px system-ui,sans-serif;margin:2em;color:#222}
                table{border-collapse:collapse;width:100%}
                th,td{border-bottom:1px solid #ddd;padding:4px 8px;text-align:right;vertical-align:top}
                th.shape,td.shape{text-align:left}
                td.shape code{white-space:pre-wrap;word-break:break-all}
                .hist{display:flex;gap:2px;align-items:flex-end;height:32px}
                .bar{width:10px;background:#4a7bd0}
                .bar.empty{background:#eee;height:1px}
                </style></head><body>
                """);
        html.append("<h1>Kysera profiler report</h1>\n<p id=\"summary\">")
                .append(snapshot.totalCount()).append(" statements, ").append(TextReport.millis(snapshot.totalTime()))
                .append(" ms in ").append(snapshot.shapes().size()).append(" shapes");
        if (snapshot.evictedShapes() > 0) {
            html.append(" (").append(snapshot.evictedShapes()).append(" shapes evicted, cap ").append(snapshot.maxShapes()).append(')');
        }
        html.append(", taken ").append(escape(snapshot.takenAt().toString())).append("</p>\n");
        html.append("<h2>Shapes by total time</h2>\n<table id=\"shapes\"><thead><tr><th>#</th><th>total ms</th><th>count</th>"
                + "<th>mean ms</th><th>p50 ms</th><th>p95 ms</th><th>p99 ms</th><th>max ms</th><th>rows</th><th>errors</th>"
                + "<th>latency</th><th class=\"shape\">shape</th></tr></thead><tbody>\n");
        int rank = 1;
        for (ShapeStats s : snapshot.shapes()) {
            html.append("<tr class=\"shape-row\" data-count=\"").append(s.count()).append("\" data-total-nanos=\"")
                    .append(s.total().toNanos()).append("\"><td>").append(rank++).append("</td>");
            html.append("<td class=\"total\">").append(TextReport.millis(s.total())).append("</td>");
            html.append("<td class=\"count\">").append(s.count()).append("</td>");
            for (Duration d : List.of(s.mean(), s.p50(), s.p95(), s.p99(), s.max())) {
                html.append("<td>").append(TextReport.millis(d)).append("</td>");
            }
            html.append("<td class=\"rows\">").append(s.rows()).append("</td><td class=\"errors\">").append(s.errors())
                    .append("</td><td>").append(histogram(s)).append("</td><td class=\"shape\"><code>").append(escape(s.shape()))
                    .append("</code></td></tr>\n");
        }
        html.append("</tbody></table>\n<h2>N+1 findings</h2>\n");
        if (findings.isEmpty()) {
            html.append("<p id=\"no-findings\">None.</p>\n");
        } else {
            html.append("<table id=\"findings\"><thead><tr><th class=\"shape\">unit</th><th>executions</th><th>distinct binds</th>"
                    + "<th class=\"shape\">shape</th></tr></thead><tbody>\n");
            for (NPlusOneFinding f : findings) {
                html.append("<tr class=\"finding\"><td class=\"shape\">").append(escape(f.unit())).append("</td><td class=\"count\">")
                        .append(f.executions()).append("</td><td>").append(f.distinctBinds())
                        .append("</td><td class=\"shape\"><code>").append(escape(f.shape())).append("</code></td></tr>\n");
            }
            html.append("</tbody></table>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    /**
     * Writes the page to {@code file} in UTF-8.
     *
     * @param file     where to write; an existing file is replaced
     * @param snapshot the profiler's numbers
     * @param findings N+1 findings to list, possibly empty
     * @return {@code file}
     * @throws UncheckedIOException if the file cannot be written
     * @throws NullPointerException if an argument is null
     */
    public static Path write(Path file, ProfilerSnapshot snapshot, List<NPlusOneFinding> findings) {
        try {
            return Files.writeString(file, render(snapshot, findings), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the profiler report to " + file, e);
        }
    }

    private static String histogram(ShapeStats s) {
        long most = s.histogram().stream().mapToLong(ShapeStats.LatencyBucket::count).max().orElse(0);
        StringBuilder out = new StringBuilder("<div class=\"hist\">");
        for (ShapeStats.LatencyBucket bucket : s.histogram()) {
            String range = bucket.upTo() == null ? "longer" : "≤ " + TextReport.millis(bucket.upTo()) + " ms";
            if (bucket.count() == 0) {
                out.append("<div class=\"bar empty\" title=\"").append(range).append(": 0\"></div>");
            } else {
                long height = Math.max(2, Math.round(32.0 * bucket.count() / most));
                out.append("<div class=\"bar\" style=\"height:").append(height).append("px\" title=\"").append(range).append(": ")
                        .append(bucket.count()).append("\" data-count=\"").append(bucket.count()).append("\"></div>");
            }
        }
        return out.append("</div>").toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
