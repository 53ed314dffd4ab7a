package dev.kysera.benchmarks;

import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.benchmarks.Rows.UserPostRow;
import dev.kysera.benchmarks.Rows.UserRow;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs every {@link PeerBenchmark} method once outside JMH, on SQLite, and checks that JDBC, jOOQ,
 * Jdbi, Hibernate and Kysera agree: the same rows for reads (soft-deleted rows hidden), the same
 * stored rows with both timestamps for writes, ids in input order.
 */
class PeerBenchmarkSmokeTest {

    private static final List<String> OPERATIONS = List.of("peerFindById_", "peerUserPosts_", "peerCreate_", "peerCreateMany_");

    private static PeerBenchmark benchmark;
    private static final StoredUsers STORED = new StoredUsers();

    @BeforeAll
    static void setUp() throws Exception {
        benchmark = new PeerBenchmark();
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
    void every_operation_has_the_six_variants() {
        for (String operation : OPERATIONS) {
            List<String> variants = new java.util.ArrayList<>(List.of(operation.equals("peerCreateMany_") ? "jdbcBatch" : "jdbcReused",
                    "jooq", "jdbi", "hibernate", "kysera", "kyseraPlugins"));
            if (operation.equals("peerUserPosts_")) {
                // The DAL function running its join as a statement shape.
                variants.add("kyseraPluginsShape");
            }
            assertThat(benchmarkMethods(operation)).as(operation).extracting(m -> m.getName().substring(operation.length()))
                    .containsExactlyInAnyOrderElementsOf(variants);
        }
        assertThat(benchmarkMethods("")).hasSize(OPERATIONS.size() * 6 + 1);
    }

    @Test
    void find_by_id_variants_return_the_live_row_and_hide_the_soft_deleted_one() throws Exception {
        // 27 is soft-deleted (id % 20 == 7); 30 belongs to tenant 2, which this benchmark does not filter.
        Map<Long, UserRow> expected = Map.of(
                42L, new UserRow(42, "user42@example.com", "User 42"),
                30L, new UserRow(30, "user30@example.com", "User 30"));
        for (Method method : benchmarkMethods("peerFindById_")) {
            for (Map.Entry<Long, UserRow> id : expected.entrySet()) {
                assertThat(invoke(method, QueryBenchmark.Ids.fixed(id.getKey()))).as(method.getName() + " #" + id.getKey())
                        .isEqualTo(id.getValue());
            }
            assertThat(invoke(method, QueryBenchmark.Ids.fixed(27))).as(method.getName() + " #27").isNull();
        }
    }

    @Test
    void join_variants_return_the_live_posts_of_a_live_user_in_post_order() throws Exception {
        // User 1 has posts 1, 2, 3; post 3 is soft-deleted (id % 10 == 3). User 27 is soft-deleted.
        for (Method method : benchmarkMethods("peerUserPosts_")) {
            assertThat(invoke(method, QueryBenchmark.Ids.fixed(1))).as(method.getName()).isEqualTo(List.of(
                    new UserPostRow(1, "User 1", 1, "Post 1 by user 1"), new UserPostRow(1, "User 1", 2, "Post 2 by user 1")));
            assertThat(invoke(method, QueryBenchmark.Ids.fixed(42))).as(method.getName()).asList().hasSize(3);
            assertThat(invoke(method, QueryBenchmark.Ids.fixed(27))).as(method.getName()).asList().isEmpty();
        }
    }

    @Test
    void create_variants_store_one_stamped_row() throws Exception {
        for (Method method : benchmarkMethods("peerCreate_")) {
            UserRow created = (UserRow) invoke(method, RepositoryBenchmark.Inputs.fixed("smoke-"));
            assertThat(created).as(method.getName()).isEqualTo(new UserRow(created.id(), "smoke-0@example.com", "New user 0"));
            STORED.assertStored(benchmark.jooq, method.getName(), List.of(created.id()), null);
            deleteCreated();
        }
    }

    @Test
    void create_many_variants_store_the_rows_and_return_their_ids_in_input_order() throws Exception {
        List<String> expectedEmails = LongStream.range(0, PeerBenchmark.MANY).mapToObj(i -> "smoke-" + i + "@example.com").toList();
        for (Method method : benchmarkMethods("peerCreateMany_")) {
            @SuppressWarnings("unchecked")
            List<Long> ids = (List<Long>) invoke(method, RepositoryBenchmark.Inputs.fixed("smoke-"));
            assertThat(ids).as(method.getName()).hasSize(PeerBenchmark.MANY).doesNotHaveDuplicates();
            Map<Long, String> emails = benchmark.jooq.select(USERS.ID, USERS.EMAIL).from(USERS).where(USERS.ID.in(ids))
                    .fetchMap(USERS.ID, USERS.EMAIL);
            assertThat(ids.stream().map(emails::get).toList()).as(method.getName()).isEqualTo(expectedEmails);
            STORED.assertStored(benchmark.jooq, method.getName(), ids, null);
            deleteCreated();
        }
    }

    @Test
    void the_table_marks_issue_17_targets_on_the_plugin_rows_only() {
        ResultTable table = new ResultTable(List.of(
                ResultTable.Entry.of("peerCreate_jdbcReused", "sqlite", 100_000, 1),
                ResultTable.Entry.of("peerCreate_hibernate", "sqlite", 60_000, 1),
                ResultTable.Entry.of("peerCreate_kyseraPlugins", "sqlite", 50_000, 1),
                ResultTable.Entry.of("peerCreateMany_jdbcBatch", "postgres", 100, 1),
                ResultTable.Entry.of("peerCreateMany_kyseraPlugins", "postgres", 250, 1)));
        List<String> lines = table.markdown().lines().toList();
        assertThat(lines.get(2)).contains("peerCreate · jdbcReused").doesNotContain("≤");
        assertThat(lines.get(3)).contains("peerCreate · hibernate").doesNotContain("≤");
        assertThat(lines.get(4)).contains("peerCreate · kyseraPlugins").containsPattern("\\|\\s+2\\.00 \\|").endsWith("≤ 1.70 **missed** |");
        assertThat(lines.get(5)).contains("peerCreateMany · jdbcBatch");
        assertThat(lines.get(6)).contains("peerCreateMany · kyseraPlugins").containsPattern("\\|\\s+0\\.40 \\|").endsWith("≤ 0.50 met |");
    }


    private static List<Method> benchmarkMethods(String prefix) {
        return BenchmarkMethods.of(PeerBenchmark.class, prefix);
    }

    private static Object invoke(Method method, Object state) throws Exception {
        return BenchmarkMethods.invoke(method, benchmark, state);
    }
}
