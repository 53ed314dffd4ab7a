package dev.kysera.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

/** The options are immutable, validated, and name the bad value. */
class MicrometerOptionsTest {

    @Test
    void defaults() {
        MicrometerOptions options = MicrometerOptions.defaults();
        assertThat(options.name()).isEqualTo("micrometer");
        assertThat(options.statementObservationName()).isEqualTo("db.client.operation");
        assertThat(options.transactionObservationName()).isEqualTo("db.client.transaction");
        assertThat(options.savepointObservationName()).isEqualTo("db.client.savepoint");
        assertThat(options.includeQueryText()).isFalse();
        assertThat(options.sanitizeQueryText()).isTrue();
        assertThat(options.includeBindValues()).isFalse();
        assertThat(options.observeTransactions()).isTrue();
        assertThat(options.maxCollectionNames()).isEqualTo(100);
        assertThat(options.statementConvention()).isEmpty();
        assertThat(options.savepointConvention()).isEmpty();
        assertThat(options.meterRegistry()).isEmpty();
        assertThat(options.target()).isEmpty();
    }

    @Test
    void a_prefix_names_every_observation() {
        MicrometerOptions options = MicrometerOptions.builder().prefix("app.db").build();
        assertThat(options.statementObservationName()).isEqualTo("app.db.operation");
        assertThat(options.transactionObservationName()).isEqualTo("app.db.transaction");
        assertThat(options.savepointObservationName()).isEqualTo("app.db.savepoint");
    }

    @Test
    void to_builder_keeps_every_value() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        DefaultStatementObservationConvention convention = new DefaultStatementObservationConvention("x.operation");
        DefaultTransactionObservationConvention savepoints = new DefaultTransactionObservationConvention("x.savepoint");
        DatabaseTarget target = new DatabaseTarget("shop", "db.internal", 5432);
        MicrometerOptions options = MicrometerOptions.builder().name("metrics").prefix("x").includeQueryText(true)
                .maxQueryTextLength(100).sanitizeQueryText(false).includeBindValues(true).maxBindValues(3).maxBindValueLength(9).observeTransactions(false)
                .maxCollectionNames(7).statementConvention(convention).savepointConvention(savepoints).meterRegistry(meters).target(target).build();

        MicrometerOptions copy = options.toBuilder().build();

        assertThat(copy.name()).isEqualTo("metrics");
        assertThat(copy.prefix()).isEqualTo("x");
        assertThat(copy.includeQueryText()).isTrue();
        assertThat(copy.maxQueryTextLength()).isEqualTo(100);
        assertThat(copy.sanitizeQueryText()).isFalse();
        assertThat(copy.includeBindValues()).isTrue();
        assertThat(copy.maxBindValues()).isEqualTo(3);
        assertThat(copy.maxBindValueLength()).isEqualTo(9);
        assertThat(copy.observeTransactions()).isFalse();
        assertThat(copy.maxCollectionNames()).isEqualTo(7);
        assertThat(copy.statementConvention()).containsSame(convention);
        assertThat(copy.savepointConvention()).containsSame(savepoints);
        assertThat(copy.meterRegistry()).containsSame(meters);
        assertThat(copy.target()).contains(target);
    }

    @Test
    void bad_values_are_refused_by_name() {
        assertThatThrownBy(() -> MicrometerOptions.builder().prefix("Db Client").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Db Client'");
        assertThatThrownBy(() -> MicrometerOptions.builder().prefix("db.").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'db.'");
        assertThatThrownBy(() -> MicrometerOptions.builder().name(" ").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("' '");
        assertThatThrownBy(() -> MicrometerOptions.builder().maxQueryTextLength(3).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxQueryTextLength").hasMessageContaining("was 3");
        assertThatThrownBy(() -> MicrometerOptions.builder().maxCollectionNames(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxCollectionNames").hasMessageContaining("was 0");
        assertThatThrownBy(() -> MicrometerOptions.builder().maxBindValues(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBindValues").hasMessageContaining("was 0");
        assertThatThrownBy(() -> MicrometerOptions.builder().maxBindValueLength(2).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBindValueLength").hasMessageContaining("was 2");
        assertThatThrownBy(() -> new DatabaseTarget("db", "host", 70_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("70000");
        assertThatThrownBy(() -> new DefaultStatementObservationConvention(""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bind_values_without_query_text_would_do_nothing_useful_and_are_refused() {
        assertThatThrownBy(() -> MicrometerOptions.builder().includeBindValues(true).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("includeQueryText");
    }

    @Test
    void the_plugin_needs_a_registry() {
        assertThatThrownBy(() -> MicrometerPlugin.of(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("registry");
        assertThat(MicrometerPlugin.of(ObservationRegistry.NOOP).name()).isEqualTo("micrometer");
    }
}
