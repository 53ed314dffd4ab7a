package dev.kysera.micrometer;

import static dev.kysera.testsupport.schema.Tables.CATEGORIES;
import static dev.kysera.testsupport.schema.Tables.POSTS;
import static dev.kysera.testsupport.schema.Tables.TAGS;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.error.UniqueConstraintException;
import dev.kysera.executor.Executor;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.impl.DSL;

/** Timers and counters on a real SimpleMeterRegistry: bounded tags, whatever the statements. */
class MetricsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ObservationRegistry registry = ObservationRegistry.create();

    MetricsTest() {
        registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
    }

    @MatrixTest
    void statements_and_transactions_become_timers_with_low_cardinality_tags(TestDatabase db) {
        db.useTestSchema();
        db.dsl().insertInto(TAGS, TAGS.NAME).values("java").execute();

        try (Executor executor = Observed.executor(db, MicrometerOptions.builder().meterRegistry(meters).plugin(registry))) {
            for (String name : List.of("java", "go", "rust")) {
                executor.dsl().selectFrom(TAGS).where(TAGS.NAME.eq(name)).fetch();
            }
            executor.transaction(tx -> tx.dsl().insertInto(TAGS, TAGS.NAME).values("sql").execute());
            assertThatThrownBy(() -> executor.dsl().insertInto(TAGS, TAGS.NAME).values("java").execute())
                    .isInstanceOf(UniqueConstraintException.class);
        }

        Timer selects = meters.get("db.client.operation").tag("db.operation.name", "SELECT").tag("db.collection.name", "tags").timer();
        assertThat(selects.count()).isEqualTo(3);
        assertThat(meters.get("db.client.operation").tag("db.operation.name", "INSERT").tag("error.type", "none").timer().count())
                .isEqualTo(1);
        Timer failed = meters.get("db.client.operation").tag("error.type", "UNIQUE_VIOLATION").timer();
        assertThat(failed.count()).isEqualTo(1);
        assertThat(failed.getId().getTag("error")).isEqualTo("UniqueConstraintException");
        assertThat(meters.get("db.client.transaction").tag("kysera.transaction.outcome", "commit").timer().count()).isEqualTo(1);
        assertThat(selects.getId().getTags()).extracting(Tag::getKey).containsExactlyInAnyOrder("db.system.name", "db.namespace",
                "db.operation.name", "db.collection.name", "db.response.status_code", "error.type", "server.address", "server.port",
                "error");
        assertThat(selects.getId().getTag("db.system.name")).isEqualTo(Observed.systemName(db.engine()));

        DistributionSummary returned = meters.get("db.client.response.returned_rows").tag("db.collection.name", "tags").summary();
        assertThat(returned.count()).isEqualTo(3);
        assertThat(returned.totalAmount()).isEqualTo(1); // only "java" exists
        assertThat(meters.get("db.client.affected_rows").tag("db.operation.name", "INSERT").counter().count()).isEqualTo(1);
        // Every observation ended: nothing is still counted as running.
        assertThat(meters.get("db.client.operation.active").longTaskTimers()).allSatisfy(t -> assertThat(t.activeTasks()).isZero());
        assertThat(meters.find("db.client.transaction.active").longTaskTimers()).extracting(LongTaskTimer::activeTasks).containsOnly(0);
    }

    @MatrixTest
    void distinct_sql_never_grows_the_number_of_meters(TestDatabase db) {
        db.useTestSchema();

        try (Executor executor = Observed.executor(db, MicrometerPlugin.of(registry))) {
            for (int i = 0; i < 200; i++) {
                // 200 distinct statements: inlined values, different shapes.
                executor.dsl().selectFrom(USERS).where(USERS.ID.eq(DSL.inline((long) i))).and(USERS.NAME.ne(DSL.inline("n" + i))).fetch();
            }
        }

        assertThat(meters.find("db.client.operation").timers()).singleElement().satisfies(t -> assertThat(t.count()).isEqualTo(200));
    }

    @MatrixTest
    void collection_names_beyond_the_cap_share_one_tag(TestDatabase db) {
        db.useTestSchema();

        try (Executor executor = Observed.executor(db, MicrometerOptions.builder().maxCollectionNames(2).plugin(registry))) {
            executor.dsl().selectFrom(USERS).fetch();
            executor.dsl().selectFrom(POSTS).fetch();
            executor.dsl().selectFrom(TAGS).fetch();
            executor.dsl().selectFrom(CATEGORIES).fetch();
            executor.dsl().selectFrom(USERS).fetch();
        }

        Set<String> collections = meters.find("db.client.operation").timers().stream()
                .map(t -> t.getId().getTag("db.collection.name")).collect(Collectors.toSet());
        assertThat(collections).containsExactlyInAnyOrder("users", "posts", DbObservationDocumentation.OTHER);
        assertThat(meters.get("db.client.operation").tag("db.collection.name", DbObservationDocumentation.OTHER).timer().count()).isEqualTo(2);
        assertThat(meters.get("db.client.operation").tag("db.collection.name", "users").timer().count()).isEqualTo(2);
    }

    @MatrixTest
    void a_registry_without_handlers_costs_nothing_and_records_nothing(TestDatabase db) {
        db.useTestSchema();
        MicrometerPlugin plugin = MicrometerPlugin.of(ObservationRegistry.NOOP);

        try (Executor executor = Observed.executor(db, plugin)) {
            executor.transaction(tx -> tx.dsl().insertInto(TAGS, TAGS.NAME).values("java").execute());
            assertThat(executor.dsl().fetchCount(TAGS)).isEqualTo(1);
        }

        assertThat(plugin.failures()).isZero();
        List<Meter> none = meters.getMeters();
        assertThat(none).isEmpty();
    }
}
