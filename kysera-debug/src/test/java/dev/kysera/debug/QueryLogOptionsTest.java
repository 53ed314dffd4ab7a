package dev.kysera.debug;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.System.Logger.Level;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class QueryLogOptionsTest {

    @Test
    void defaults() {
        QueryLogOptions options = QueryLogOptions.defaults();
        assertThat(options.name()).isEqualTo("query-log");
        assertThat(options.level()).isEqualTo(Level.DEBUG);
        assertThat(options.slowThreshold()).isEqualTo(Duration.ofMillis(100));
        assertThat(options.slowLevel()).isEqualTo(Level.WARNING);
        assertThat(options.failureLevel()).isEqualTo(Level.WARNING);
        assertThat(options.style()).isEqualTo(SqlStyle.ONE_LINE);
        assertThat(options.logBinds()).isFalse();
        assertThat(options.sanitizeLiterals()).isTrue();
        assertThat(options.transactionLevel()).isEqualTo(Level.DEBUG);
        assertThat(options.transactionSink()).isEmpty();
        assertThat(options.sink()).isEmpty();
        assertThat(options.logger().getName()).isEqualTo(QueryLogOptions.LOGGER_NAME);
        assertThat(QueryLog.defaults().readsContext()).isFalse();
    }

    @Test
    void validation_and_round_trip() {
        assertThatThrownBy(() -> QueryLogOptions.builder().slowThreshold(Duration.ofMillis(-1)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QueryLogOptions.builder().maxValueLength(2).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QueryLogOptions.builder().maxBatchRows(0).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QueryLogOptions.builder().name("").build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QueryLogOptions.builder().sink(e -> { }).transactionSink(e -> { }).logger(new CapturingLogger(Level.ALL))
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("logger");
        assertThatThrownBy(() -> QueryLogOptions.builder().sink(e -> { }).transactionLevel(Level.OFF).logger(new CapturingLogger(Level.ALL))
                .build()).isInstanceOf(IllegalArgumentException.class);
        assertThat(QueryLogOptions.builder().sink(e -> { }).logger(new CapturingLogger(Level.ALL)).build().sink()).isPresent();
        QueryLogOptions options = QueryLogOptions.builder().redactColumns("Password").redactColumns("token").logBinds(true)
                .style(SqlStyle.FORMATTED).sanitizeLiterals(false).transactionLevel(Level.INFO).build();
        assertThat(options.redactColumns()).containsExactlyInAnyOrder("password", "token");
        assertThat(options.toBuilder().build().toString()).isEqualTo(options.toString())
                .contains("sanitizeLiterals=false").contains("transactionLevel=INFO");
    }
}
