package dev.kysera.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.benchmarks.Rows.UserPostRow;
import dev.kysera.benchmarks.Rows.UserRow;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Runs every benchmark method once per id outside JMH, on SQLite, so the benchmark code cannot rot,
 * and checks that all variants of an operation return the same mapped rows.
 */
class QueryBenchmarkSmokeTest {

    /** A visible user, a soft-deleted one (id % 20 == 7) and one of another tenant (id % 10 == 0). */
    private static final long VISIBLE = 42;
    private static final long DELETED = 27;
    private static final long OTHER_TENANT = 30;

    private static QueryBenchmark benchmark;

    @BeforeAll
    static void setUp() throws Exception {
        benchmark = new QueryBenchmark();
        benchmark.database = "sqlite";
        benchmark.setUp();
    }

    @AfterAll
    static void tearDown() throws Exception {
        benchmark.tearDown();
    }

    @Test
    void every_variant_of_an_operation_returns_the_same_rows() throws Exception {
        Map<String, Map<String, Object>> byOperation = new TreeMap<>();
        for (long id : new long[] {VISIBLE, DELETED, OTHER_TENANT}) {
            for (Method method : benchmarkMethods()) {
                String operation = method.getName().substring(0, method.getName().indexOf('_'));
                Object result = invoke(method, QueryBenchmark.Ids.fixed(id));
                byOperation.computeIfAbsent(operation + "#" + id, k -> new LinkedHashMap<>()).put(method.getName(), result);
            }
        }

        assertThat(byOperation.keySet()).containsExactly(
                "findById#27", "findById#30", "findById#42", "userPosts#27", "userPosts#30", "userPosts#42");
        byOperation.forEach((operation, results) -> {
            String prefix = operation.substring(0, operation.indexOf('#')) + "_";
            assertThat(results).as(operation).hasSize((int) benchmarkMethods().stream().filter(m -> m.getName().startsWith(prefix)).count());
            assertThat(results.values().stream().distinct()).as("%s: %s", operation, results).hasSize(1);
        });

        assertThat(byOperation.get("findById#42").values().iterator().next())
                .isEqualTo(new UserRow(42, "user42@example.com", "User 42"));
        assertThat(byOperation.get("findById#27").values().iterator().next()).isNull();
        assertThat(byOperation.get("findById#30").values().iterator().next()).isNull();
        // User 42 has posts 124, 125, 126; post 123 would be soft-deleted (id % 10 == 3), it belongs to user 41.
        assertThat(byOperation.get("userPosts#42").values().iterator().next()).isEqualTo(List.of(
                new UserPostRow(42, "User 42", 124, "Post 124 by user 42"),
                new UserPostRow(42, "User 42", 125, "Post 125 by user 42"),
                new UserPostRow(42, "User 42", 126, "Post 126 by user 42")));
        assertThat(byOperation.get("userPosts#27").values().iterator().next()).isEqualTo(List.of());
        assertThat(byOperation.get("userPosts#30").values().iterator().next()).isEqualTo(List.of());
    }

    @Test
    void soft_deleted_posts_are_hidden_in_every_variant() throws Exception {
        // User 1 has posts 1, 2, 3; post 3 is soft-deleted.
        for (Method method : benchmarkMethods()) {
            if (method.getName().startsWith("userPosts_")) {
                assertThat(invoke(method, QueryBenchmark.Ids.fixed(1))).as(method.getName()).isEqualTo(List.of(
                        new UserPostRow(1, "User 1", 1, "Post 1 by user 1"),
                        new UserPostRow(1, "User 1", 2, "Post 2 by user 1")));
            }
        }
    }

    @Test
    void the_table_reports_time_ratios_to_the_baselines() {
        ResultTable table = new ResultTable(List.of(
                ResultTable.Entry.of("findById_jdbcReused", "sqlite", 400_000, 1),
                ResultTable.Entry.of("findById_jdbcPerCall", "sqlite", 200_000, 1),
                ResultTable.Entry.of("findById_jooq", "sqlite", 100_000, 1),
                ResultTable.Entry.of("findById_kysera", "sqlite", 100_000, 1),
                ResultTable.Entry.of("findById_kyseraPlugins", "sqlite", 50_000, 1)));
        String markdown = table.markdown();
        assertThat(markdown).contains("findById · kyseraPlugins").contains("2.00").contains("8.00").contains("≤ 1.30 **missed**")
                .contains("≤ 1.02 met");
        // Without repository rows the table keeps its original columns.
        assertThat(markdown).doesNotContain("target (× JDBC)");
        assertThat(markdown.lines().findFirst().orElseThrow()).containsPattern("\\| target \\(× jOOQ\\) +\\|$");
    }

    private static List<Method> benchmarkMethods() {
        return Arrays.stream(QueryBenchmark.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Benchmark.class))
                .sorted(java.util.Comparator.comparing(Method::getName))
                .toList();
    }

    private static Object invoke(Method method, QueryBenchmark.Ids ids) throws Exception {
        try {
            return method.invoke(benchmark, ids);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
