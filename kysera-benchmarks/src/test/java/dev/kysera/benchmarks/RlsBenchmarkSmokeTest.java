package dev.kysera.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs every RLS benchmark method once on SQLite and checks that the variants return the same rows. */
class RlsBenchmarkSmokeTest {

    private static final long VISIBLE = 42;
    private static final long OTHER_TENANT = 30;

    private static RlsBenchmark benchmark;

    @BeforeAll
    static void setUp() throws Exception {
        benchmark = new RlsBenchmark();
        benchmark.database = "sqlite";
        benchmark.setUp();
    }

    @AfterAll
    static void tearDown() throws Exception {
        benchmark.tearDown();
    }

    @Test
    void every_variant_returns_the_same_rows() throws Exception {
        for (long id : new long[] {VISIBLE, OTHER_TENANT}) {
            var ids = QueryBenchmark.Ids.fixed(id);
            var expected = benchmark.rlsFindById_jdbcReused(ids);
            assertThat(benchmark.rlsFindById_jooq(ids)).isEqualTo(expected);
            assertThat(benchmark.rlsFindById_kysera(ids)).isEqualTo(expected);
            assertThat(benchmark.rlsFindById_rls(ids)).isEqualTo(expected);
            var posts = benchmark.rlsUserPosts_jdbcReused(ids);
            assertThat(benchmark.rlsUserPosts_jooq(ids)).isEqualTo(posts);
            assertThat(benchmark.rlsUserPosts_kysera(ids)).isEqualTo(posts);
            assertThat(benchmark.rlsUserPosts_rls(ids)).isEqualTo(posts);
            var masked = benchmark.rlsFindById_rlsMasked(ids);
            assertThat(masked == null ? null : masked.name()).isEqualTo(expected == null ? null : expected.name());
        }
        assertThat(benchmark.rlsFindById_jdbcReused(QueryBenchmark.Ids.fixed(VISIBLE))).isNotNull();
        assertThat(benchmark.rlsFindById_jdbcReused(QueryBenchmark.Ids.fixed(OTHER_TENANT))).isNull();
        // The context's user is 1, so user 42's e-mail is masked.
        assertThat(benchmark.rlsFindById_rlsMasked(QueryBenchmark.Ids.fixed(VISIBLE)).email()).isNull();
        assertThat(benchmark.rlsUserPosts_rls(QueryBenchmark.Ids.fixed(VISIBLE))).hasSize(BenchDatabase.POSTS_PER_USER);
    }
}
