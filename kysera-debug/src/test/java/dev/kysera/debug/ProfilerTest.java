package dev.kysera.debug;

import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.error.UniqueConstraintException;
import dev.kysera.executor.Executor;
import dev.kysera.executor.StatementKind;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** The profiler's numbers for known workloads, on every database. */
class ProfilerTest {

    @MatrixTest
    void counts_rows_and_errors_per_shape(TestDatabase db) {
        db.useTestSchema();
        Profiler profiler = Profiler.defaults();
        try (Executor executor = Fixtures.executor(db, profiler)) {
            DSLContext dsl = executor.dsl();
            for (int i = 0; i < 3; i++) {
                dsl.insertInto(USERS, USERS.EMAIL, USERS.NAME).values("u" + i + "@example.com", "U" + i).execute();
            }
            assertThatThrownBy(() -> dsl.insertInto(USERS, USERS.EMAIL, USERS.NAME).values("u0@example.com", "again").execute())
                    .isInstanceOf(UniqueConstraintException.class);
            dsl.batch(dsl.insertInto(USERS, USERS.EMAIL, USERS.NAME).values((String) null, null))
                    .bind("b1@example.com", "B1").bind("b2@example.com", "B2").execute();
            for (int i = 0; i < 10; i++) {
                dsl.select(USERS.NAME).from(USERS).where(USERS.EMAIL.eq("u" + (i % 4) + "@example.com")).fetch();
            }
            dsl.select(USERS.NAME).from(USERS).where(USERS.ID.in(1L, 2L)).fetch();
            dsl.select(USERS.NAME).from(USERS).where(USERS.ID.in(1L, 2L, 3L, 4L)).fetch();
            assertThat(dsl.render(dsl.selectFrom(USERS))).isNotEmpty();
        }
        ProfilerSnapshot snapshot = profiler.snapshot();
        assertThat(snapshot.shapes()).hasSize(3);
        assertThat(snapshot.totalCount()).isEqualTo(4 + 1 + 10 + 2);

        ShapeStats insert = only(snapshot, StatementKind.INSERT);
        assertThat(insert.shape()).startsWith("insert into ").endsWith("values (?...)");
        assertThat(insert.count()).isEqualTo(5);
        assertThat(insert.errors()).isEqualTo(1);
        assertThat(insert.rows()).isGreaterThanOrEqualTo(4);

        ShapeStats byEmail = snapshot.shapes().stream().filter(s -> s.kind() == StatementKind.SELECT && s.shape().contains("email"))
                .findFirst().orElseThrow();
        assertThat(byEmail.kind()).isEqualTo(StatementKind.SELECT);
        assertThat(byEmail.count()).isEqualTo(10);
        assertThat(byEmail.rows()).isEqualTo(8);
        assertThat(byEmail.errors()).isZero();
        assertThat(byEmail.min()).isLessThanOrEqualTo(byEmail.p50());
        assertThat(byEmail.p50()).isLessThanOrEqualTo(byEmail.p95());
        assertThat(byEmail.p95()).isLessThanOrEqualTo(byEmail.p99());
        assertThat(byEmail.p99()).isLessThanOrEqualTo(byEmail.max());
        assertThat(byEmail.mean()).isEqualTo(byEmail.total().dividedBy(10));
        assertThat(byEmail.histogram().stream().mapToLong(ShapeStats.LatencyBucket::count).sum()).isEqualTo(10);

        ShapeStats byIds = snapshot.shapes().stream().filter(s -> s.shape().contains("in (?...)")).findFirst().orElseThrow();
        assertThat(byIds.count()).as("IN lists of any length are one shape").isEqualTo(2);

        assertThat(snapshot.shapes()).isSortedAccordingTo((a, b) -> b.total().compareTo(a.total()));
        assertThat(snapshot.report()).contains("17 statements").contains(byEmail.shape().substring(0, 40));

        profiler.reset();
        assertThat(profiler.snapshot().shapes()).isEmpty();
    }

    private static ShapeStats only(ProfilerSnapshot snapshot, StatementKind kind) {
        List<ShapeStats> matching = snapshot.shapes().stream().filter(s -> s.kind() == kind).toList();
        assertThat(matching).hasSize(1);
        return matching.getFirst();
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.H2, Engine.POSTGRES})
    void memory_is_bounded_whatever_the_number_of_shapes(TestDatabase db) {
        Profiler profiler = Profiler.of(ProfilerOptions.builder().name("bounded").maxShapes(64).build());
        int shapes = db.engine() == Engine.POSTGRES ? 1_000 : 5_000;
        try (Executor executor = Fixtures.executor(db, profiler)) {
            for (int i = 0; i < shapes; i++) {
                executor.dsl().select(DSL.inline(1).as("c" + i)).fetch();
            }
            executor.dsl().select(DSL.inline(1).as("last")).fetch();
        }
        ProfilerSnapshot snapshot = profiler.snapshot();
        assertThat(snapshot.shapes().size()).isLessThanOrEqualTo(64);
        assertThat(snapshot.evictedShapes()).isEqualTo(shapes + 1 - snapshot.shapes().size());
        assertThat(snapshot.shapes()).anySatisfy(s -> assertThat(s.shape()).contains("last"));
        assertThat(snapshot.report()).contains("shapes evicted, cap 64");
    }

    @MatrixTest(only = Engine.H2)
    void virtual_threads_record_concurrently(TestDatabase db) throws Exception {
        db.useTestSchema();
        Profiler profiler = Profiler.defaults();
        try (Executor executor = Fixtures.executor(db, profiler); var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(threads.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        executor.dsl().selectCount().from(USERS).where(USERS.ID.eq((long) i)).fetchOne();
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
        ShapeStats stats = profiler.snapshot().shapes().getFirst();
        assertThat(stats.count()).isEqualTo(800);
        assertThat(stats.rows()).isEqualTo(800);
        assertThat(stats.histogram().stream().mapToLong(ShapeStats.LatencyBucket::count).sum()).isEqualTo(800);
    }

    @Test
    void options_validate_and_round_trip() {
        assertThatThrownBy(() -> ProfilerOptions.builder().maxShapes(0).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProfilerOptions.builder().name(" ").build()).isInstanceOf(IllegalArgumentException.class);
        ProfilerOptions options = ProfilerOptions.builder().name("p").maxShapes(7).build();
        assertThat(options.toBuilder().build().toString()).isEqualTo(options.toString());
        assertThat(Profiler.of(options).name()).isEqualTo("p");
        assertThat(ProfilerOptions.defaults().maxShapes()).isEqualTo(1_000);
    }

    @Test
    void top_refuses_a_negative_count_by_name() {
        ProfilerSnapshot empty = Profiler.defaults().snapshot();
        assertThat(empty.top(3)).isEmpty();
        assertThatThrownBy(() -> empty.top(-1)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("top(n): n must not be negative, was -1");
    }
}
