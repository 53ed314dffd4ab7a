package dev.kysera.benchmarks;

import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.benchmarks.Rows.UserRow;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Runs every {@link RepositoryBenchmark} method once outside JMH, on SQLite, and checks that the
 * variants of an operation agree: the same rows for reads, the same stored rows (tenant and
 * timestamps set) for writes, whose generated ids necessarily differ.
 */
class RepositoryBenchmarkSmokeTest {

    /** The method-name prefixes the tests below run; each test runs every method with its prefix. */
    private static final List<String> OPERATIONS = List.of("repoFindById_", "repoKeysetPage_", "repoCreate_", "repoCreateMany_");

    private static RepositoryBenchmark benchmark;
    private static final StoredUsers STORED = new StoredUsers();

    @BeforeAll
    static void setUp() throws Exception {
        benchmark = new RepositoryBenchmark();
        benchmark.database = "sqlite";
        benchmark.setUp();
    }

    @AfterEach
    void deleteCreated() throws Exception {
        benchmark.deleteCreatedUsers();
        assertThat(benchmark.jooq.fetchCount(USERS)).isEqualTo(BenchDatabase.USERS);
    }

    @AfterAll
    static void tearDown() throws Exception {
        benchmark.tearDown();
    }

    @Test
    void every_benchmark_method_is_one_of_the_tested_operations() {
        assertThat(benchmarkMethods("")).extracting(m -> m.getName().substring(0, m.getName().indexOf('_') + 1))
                .allMatch(OPERATIONS::contains);
        for (String operation : OPERATIONS) {
            assertThat(benchmarkMethods(operation)).as(operation).hasSizeGreaterThanOrEqualTo(4);
        }
    }

    @Test
    void find_by_id_variants_return_the_same_visible_row() throws Exception {
        // 42 is visible; 27 is soft-deleted (id % 20 == 7); 30 belongs to tenant 2 (id % 10 == 0).
        Map<Long, Object> expected = new LinkedHashMap<>();
        expected.put(42L, new UserRow(42, "user42@example.com", "User 42"));
        expected.put(27L, null);
        expected.put(30L, null);
        for (Map.Entry<Long, Object> id : expected.entrySet()) {
            for (Method method : benchmarkMethods("repoFindById_")) {
                assertThat(invoke(method, QueryBenchmark.Ids.fixed(id.getKey()))).as(method.getName() + " #" + id.getKey())
                        .isEqualTo(id.getValue());
            }
        }
    }

    @Test
    void keyset_variants_return_the_same_page_after_the_boundary() throws Exception {
        for (long boundary : new long[] {1, 42, 27, 30, 9_990, 9_999}) {
            List<UserRow> expected = expectedPageAfter(boundary);
            for (Method method : benchmarkMethods("repoKeysetPage_")) {
                assertThat(invoke(method, RepositoryBenchmark.Pages.fixed(boundary))).as(method.getName() + " after " + boundary)
                        .isEqualTo(expected);
            }
        }
        assertThat(expectedPageAfter(42)).hasSize(RepositoryBenchmark.PAGE_SIZE).first()
                // "User 420" and "User 4200" belong to tenant 2.
                .isEqualTo(new UserRow(4201, "user4201@example.com", "User 4201"));
        assertThat(expectedPageAfter(9_999)).isEmpty();
    }

    @Test
    void create_variants_store_the_same_row() throws Exception {
        for (Method method : benchmarkMethods("repoCreate_")) {
            UserRow created = (UserRow) invoke(method, RepositoryBenchmark.Inputs.fixed("smoke-"));
            assertThat(created.id()).as(method.getName()).isGreaterThan(BenchDatabase.USERS);
            assertThat(created).as(method.getName()).isEqualTo(new UserRow(created.id(), "smoke-0@example.com", "New user 0"));
            STORED.assertStored(benchmark.jooq, method.getName(), List.of(created.id()), BenchDatabase.TENANT);
            deleteCreated();
        }
    }

    @Test
    void create_many_variants_store_the_same_rows_and_return_their_ids_in_input_order() throws Exception {
        List<String> expectedEmails = LongStream.range(0, RepositoryBenchmark.MANY).mapToObj(i -> "smoke-" + i + "@example.com").toList();
        for (Method method : benchmarkMethods("repoCreateMany_")) {
            @SuppressWarnings("unchecked")
            List<Long> ids = (List<Long>) invoke(method, RepositoryBenchmark.Inputs.fixed("smoke-"));
            assertThat(ids).as(method.getName()).hasSize(RepositoryBenchmark.MANY).doesNotHaveDuplicates()
                    .allMatch(id -> id > BenchDatabase.USERS);
            Map<Long, String> emails = benchmark.jooq.select(USERS.ID, USERS.EMAIL).from(USERS).where(USERS.ID.in(ids))
                    .fetchMap(USERS.ID, USERS.EMAIL);
            assertThat(ids.stream().map(emails::get).toList()).as(method.getName()).isEqualTo(expectedEmails);
            STORED.assertStored(benchmark.jooq, method.getName(), ids, BenchDatabase.TENANT);
            deleteCreated();
        }
    }

    @Test
    void the_table_reports_repository_rows_against_their_jdbc_floor_and_targets() {
        ResultTable table = new ResultTable(List.of(
                ResultTable.Entry.of("repoFindById_jdbcReused", "sqlite", 200_000, 1),
                ResultTable.Entry.of("repoFindById_jooq", "sqlite", 50_000, 1),
                ResultTable.Entry.of("repoFindById_kyseraRepoPlugins", "sqlite", 50_000, 1),
                ResultTable.Entry.of("repoFindById_jdbcReused", "postgres", 10_000, 1),
                ResultTable.Entry.of("repoFindById_kyseraRepoPlugins", "postgres", 9_500, 1),
                ResultTable.Entry.of("repoCreateMany_jdbcBatch", "postgres", 100, 1),
                ResultTable.Entry.of("repoCreateMany_jdbcMultiRow", "postgres", 400, 1),
                ResultTable.Entry.of("repoCreateMany_kyseraRepoPlugins", "postgres", 200, 1)));
        Map<String, String[]> rows = table.markdown().lines().skip(2)
                .map(line -> Arrays.stream(line.split("\\|")).map(String::strip).skip(1).toArray(String[]::new))
                .collect(Collectors.toMap(cells -> cells[0] + " " + cells[1], Function.identity()));
        assertThat(table.markdown().lines().findFirst().orElseThrow()).containsPattern("\\| target \\(× JDBC\\) +\\|$");
        // The JDBC column is jdbcReused, or for create-many the naive batch.
        assertThat(rows.get("repoFindById · kyseraRepoPlugins sqlite")[6]).isEqualTo("4.00");
        assertThat(rows.get("repoFindById · kyseraRepoPlugins sqlite")[9]).isEqualTo("≤ 2.00 **missed**");
        assertThat(rows.get("repoFindById · kyseraRepoPlugins postgres")[9]).isEqualTo("≤ 1.10 met");
        assertThat(rows.get("repoCreateMany · jdbcMultiRow postgres")[6]).isEqualTo("0.25");
        assertThat(rows.get("repoCreateMany · kyseraRepoPlugins postgres")[6]).isEqualTo("0.50");
        assertThat(rows.get("repoCreateMany · kyseraRepoPlugins postgres")[9]).isEqualTo("< 1.00 met");
        assertThat(rows.get("repoFindById · jooq sqlite")[9]).isEmpty();
    }


    /** The page computed in Java from the seed's rules: visible users ordered by (name, id) after the boundary user. */
    private static List<UserRow> expectedPageAfter(long boundaryId) {
        String boundaryName = "User " + boundaryId;
        List<UserRow> visible = new ArrayList<>();
        for (long id = 1; id <= BenchDatabase.USERS; id++) {
            if (id % 20 != 7 && BenchDatabase.tenantOf(id) == BenchDatabase.TENANT) {
                visible.add(new UserRow(id, "user" + id + "@example.com", "User " + id));
            }
        }
        Comparator<UserRow> order = Comparator.comparing(UserRow::name).thenComparingLong(UserRow::id);
        UserRow boundary = new UserRow(boundaryId, "", boundaryName);
        return visible.stream().filter(u -> order.compare(u, boundary) > 0).sorted(order).limit(RepositoryBenchmark.PAGE_SIZE).toList();
    }

    private static List<Method> benchmarkMethods(String prefix) {
        return BenchmarkMethods.of(RepositoryBenchmark.class, prefix);
    }

    private static Object invoke(Method method, Object state) throws Exception {
        return BenchmarkMethods.invoke(method, benchmark, state);
    }
}
