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
        var visible = QueryBenchmark.Ids.fixed(VISIBLE);
        var other = QueryBenchmark.Ids.fixed(OTHER_TENANT);
        assertThat(benchmark.rlsFindById_jdbcReused(visible)).isEqualTo(new Rows.UserRow(VISIBLE, "user42@example.com", "User 42"));
        assertThat(benchmark.rlsFindById_jdbcReused(other)).isNull();
        // The context's user is 1, so user 42's e-mail is masked; the row is still found.
        assertThat(benchmark.rlsFindById_rlsMasked(visible)).isEqualTo(new Rows.UserRow(VISIBLE, null, "User 42"));
        assertThat(benchmark.rlsFindById_rlsMasked(other)).isNull();
        // User 42's posts are ids 124 to 126 (three per user, in user order); user 30 is in the other tenant.
        assertThat(benchmark.rlsUserPosts_rls(visible)).containsExactly(
                new Rows.UserPostRow(VISIBLE, "User 42", 124, "Post 124 by user 42"),
                new Rows.UserPostRow(VISIBLE, "User 42", 125, "Post 125 by user 42"),
                new Rows.UserPostRow(VISIBLE, "User 42", 126, "Post 126 by user 42"));
        assertThat(benchmark.rlsUserPosts_rls(other)).isEmpty();
    }
}
