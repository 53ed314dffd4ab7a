package dev.kysera.micrometer;

import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.executor.Executor;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.ReadmeCode;
import dev.kysera.testsupport.TestDatabase;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.nio.file.Path;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/** The README's example, as written there, on every database; and a check that the README shows this code. */
class ReadmeExampleTest {

    @MatrixTest
    void the_readme_example_runs(TestDatabase db) {
        db.useTestSchema();
        DSLContext dsl = db.dsl();

        SimpleMeterRegistry meters = new SimpleMeterRegistry();          // your MeterRegistry (Prometheus, OTLP, …)
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));

        MicrometerPlugin micrometer = MicrometerOptions.builder()
                .includeQueryText(true)                                // db.query.text on spans; bind values stay out
                .meterRegistry(meters)                                 // adds db.client.response.returned_rows and db.client.affected_rows
                .plugin(observations);

        try (Executor executor = Executor.builder().dsl(dsl).plugin(micrometer).build()) {
            executor.transaction(tx -> {
                tx.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values("ann@example.com", "Ann").execute();
                tx.dsl().selectFrom(USERS).where(USERS.EMAIL.eq("ann@example.com")).fetch();
            });
        }
        Timer selects = meters.get("db.client.operation").tag("db.operation.name", "SELECT").tag("db.collection.name", "users").timer();

        assertThat(selects.count()).isEqualTo(1);
        assertThat(meters.get("db.client.operation").tag("db.operation.name", "INSERT").timer().count()).isEqualTo(1);
        assertThat(meters.get("db.client.transaction").tag("kysera.transaction.outcome", "commit").timer().count()).isEqualTo(1);
        assertThat(meters.get("db.client.response.returned_rows").summary().totalAmount()).isEqualTo(1);
        assertThat(meters.get("db.client.affected_rows").counter().count()).isEqualTo(1);
        assertThat(micrometer.failures()).isZero();
    }

    @Test
    void the_readme_shows_this_code() {
        assertThat(ReadmeCode.linesNotIn(Path.of("README.md"), Path.of("src/test/java/dev/kysera/micrometer/ReadmeExampleTest.java")))
                .as("README lines not in this test").isEmpty();
    }
}
