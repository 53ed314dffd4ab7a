package dev.kysera.rls;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * When a {@link Rule} is active, decided each time a statement is planned; an inactive rule is
 * ignored as if it were not declared. Time comes from {@link RlsOptions#clock()}. An activation
 * that throws denies.
 */
@FunctionalInterface
public interface Activation {

    /** Whether the rule is active for this context at this instant. */
    boolean isActive(RlsContext context, Instant now);

    /** Always active (the default). */
    static Activation always() {
        return Always.INSTANCE;
    }

    /**
     * Active while the current environment is one of {@code names}.
     *
     * @param environment reads the environment's name each time (e.g. {@code () -> System.getenv("APP_ENV")}); null matches none
     */
    static Activation inEnvironment(Supplier<String> environment, String... names) {
        Objects.requireNonNull(environment, "environment");
        Set<String> accepted = Set.of(names);
        return (context, now) -> accepted.contains(environment.get());
    }

    /**
     * Active while a feature flag is on.
     *
     * @param flags tells whether a flag is on (e.g. a flag service's {@code isEnabled}), asked each time
     */
    static Activation whenFeature(Predicate<String> flags, String flag) {
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(flag, "flag");
        return (context, now) -> flags.test(flag);
    }

    /** Active from {@code start} (inclusive) to {@code end} (exclusive) local time in {@code zone}; wraps past midnight when end is before start. */
    static Activation between(LocalTime start, LocalTime end, ZoneId zone) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(zone, "zone");
        return (context, now) -> {
            LocalTime time = LocalTime.ofInstant(now, zone);
            return start.isBefore(end) ? !time.isBefore(start) && time.isBefore(end) : !time.isBefore(start) || time.isBefore(end);
        };
    }

    /** Active while both are. */
    default Activation and(Activation other) {
        Objects.requireNonNull(other, "other");
        return (context, now) -> isActive(context, now) && other.isActive(context, now);
    }

    /** The constant activation of rules declared without one. */
    enum Always implements Activation {
        /** The only instance. */
        INSTANCE;

        @Override
        public boolean isActive(RlsContext context, Instant now) {
            return true;
        }
    }
}
