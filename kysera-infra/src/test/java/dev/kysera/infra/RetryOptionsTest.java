package dev.kysera.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.infra.internal.Backoff;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryOptionsTest {

    @Test
    void defaults_round_trip_through_the_builder() {
        RetryOptions defaults = RetryOptions.defaults();
        assertThat(defaults.maxAttempts()).isEqualTo(5);
        assertThat(defaults.retryUncertainCommits()).isFalse();
        assertThat(defaults.toBuilder().build()).isEqualTo(defaults);
        assertThat(defaults.toBuilder().maxAttempts(2).build().maxAttempts()).isEqualTo(2);
    }

    @Test
    void bad_values_are_refused_by_name() {
        assertThatThrownBy(() -> RetryOptions.builder().maxAttempts(0).build()).hasMessage("maxAttempts must be at least 1, was 0");
        assertThatThrownBy(() -> RetryOptions.builder().initialBackoff(Duration.ofSeconds(-1)).build())
                .hasMessage("initialBackoff must not be negative, was PT-1S");
        assertThatThrownBy(() -> RetryOptions.builder().initialBackoff(Duration.ofSeconds(5)).maxBackoff(Duration.ofSeconds(1)).build())
                .hasMessage("initialBackoff (PT5S) must not exceed maxBackoff (PT1S)");
        assertThatThrownBy(() -> RetryOptions.builder().multiplier(0.5).build()).hasMessageStartingWith("multiplier must be in [1.0,");
        assertThatThrownBy(() -> RetryOptions.builder().jitter(1).build()).hasMessage("jitter must be in [0.0, 1.0), was 1.0");
        assertThatThrownBy(() -> RetryOptions.builder().maxElapsed(Duration.ZERO).build()).hasMessage("maxElapsed must be positive, was PT0S");
        assertThatThrownBy(() -> RetryOptions.builder().name(" ").build()).hasMessage("name must not be blank");
        assertThatThrownBy(() -> RetryOptions.builder().maxElapsed(null).build()).isInstanceOf(NullPointerException.class).hasMessage("maxElapsed");
    }

    @Test
    void backoff_grows_exponentially_up_to_the_cap_and_jitter_stays_in_its_band() {
        Backoff exact = new Backoff(Duration.ofMillis(10), 2, Duration.ofMillis(50), 0);
        assertThat(IntStream.rangeClosed(1, 5).mapToObj(exact::apply)).containsExactly(10L, 20L, 40L, 50L, 50L);
        Backoff jittered = new Backoff(Duration.ofMillis(100), 2, Duration.ofSeconds(1), 0.5);
        var waits = IntStream.range(0, 200).mapToObj(i -> jittered.apply(2)).toList();
        assertThat(waits).allSatisfy(wait -> assertThat(wait).isBetween(100L, 300L));
        assertThat(waits.stream().distinct().count()).as("jitter spreads the waits").isGreaterThan(10);
        assertThat(jittered.upperBoundMillis(2)).isEqualTo(300);
    }
}
