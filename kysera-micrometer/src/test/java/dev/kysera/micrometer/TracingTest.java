package dev.kysera.micrometer;

import static dev.kysera.testsupport.schema.Tables.TAGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.error.UniqueConstraintException;
import dev.kysera.executor.Executor;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** End to end: observations become OpenTelemetry spans through micrometer-tracing's OTel bridge. */
class TracingTest {

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
    private final ObservationRegistry registry = ObservationRegistry.create();

    TracingTest() {
        ContextPropagators propagators = ContextPropagators.create(W3CTraceContextPropagator.getInstance());
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).setPropagators(propagators).build();
        io.opentelemetry.api.trace.Tracer otelTracer = sdk.getTracer("kysera-test");
        OtelTracer tracer = new OtelTracer(otelTracer, new OtelCurrentTraceContext(), event -> { });
        registry.observationConfig().observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
                new PropagatingSenderTracingObservationHandler<>(tracer, new OtelPropagator(propagators, otelTracer)),
                new DefaultTracingObservationHandler(tracer)));
    }

    @AfterEach
    void close() {
        tracerProvider.close();
    }

    @MatrixTest
    void a_transaction_and_its_statements_are_one_trace(TestDatabase db) {
        db.useTestSchema();
        db.dsl().insertInto(TAGS, TAGS.NAME).values("java").execute();

        try (Executor executor = Observed.executor(db, MicrometerOptions.builder().includeQueryText(true).plugin(registry))) {
            executor.transaction(tx -> {
                tx.dsl().insertInto(TAGS, TAGS.NAME).values("sql").execute();
                assertThat(tx.dsl().selectFrom(TAGS).fetch()).hasSize(2);
            });
            assertThatThrownBy(() -> executor.dsl().insertInto(TAGS, TAGS.NAME).values("java").execute())
                    .isInstanceOf(UniqueConstraintException.class);
        }

        List<SpanData> spans = exporter.getFinishedSpanItems();
        assertThat(spans).extracting(SpanData::getName).containsExactly("INSERT tags", "SELECT tags", "TRANSACTION", "INSERT tags");
        SpanData insert = spans.get(0);
        SpanData select = spans.get(1);
        SpanData transaction = spans.get(2);
        SpanData failed = spans.get(3);

        assertThat(List.of(insert, select)).allSatisfy(statement -> {
            assertThat(statement.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(statement.getTraceId()).isEqualTo(transaction.getTraceId());
            assertThat(statement.getParentSpanId()).isEqualTo(transaction.getSpanId());
            assertThat(statement.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
        });
        assertThat(insert.getAttributes().get(AttributeKey.stringKey("db.system.name"))).isEqualTo(Observed.systemName(db.engine()));
        assertThat(insert.getAttributes().get(AttributeKey.stringKey("db.operation.name"))).isEqualTo("INSERT");
        assertThat(insert.getAttributes().get(AttributeKey.stringKey("db.collection.name"))).isEqualTo("tags");
        assertThat(insert.getAttributes().get(AttributeKey.stringKey("db.query.text")))
                .isEqualTo(db.dsl().insertInto(TAGS, TAGS.NAME).values("sql").getSQL());
        assertThat(insert.getAttributes().get(AttributeKey.stringKey("server.address"))).isEqualTo(Observed.server(db).get(0));
        assertThat(select.getAttributes().get(AttributeKey.stringKey("db.response.returned_rows"))).isEqualTo("2");
        assertThat(transaction.getAttributes().get(AttributeKey.stringKey("kysera.transaction.outcome"))).isEqualTo("commit");
        assertThat(transaction.getParentSpanContext().isValid()).isFalse();

        assertThat(failed.getTraceId()).isNotEqualTo(transaction.getTraceId());
        assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(failed.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("UNIQUE_VIOLATION");
        assertThat(failed.getEvents()).anySatisfy(event -> assertThat(event.getName()).isEqualTo("exception"));
    }
}
