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

    /**
     * Decides whether the rule applies to a statement planned now.
     *
     * @param context the statement's context
     * @param now     the instant from {@link RlsOptions#clock()}
     * @return {@code true} when the rule is active
     */
    boolean isActive(RlsContext context, Instant now);

    /**
     * The activation of rules declared without one.
     *
     * @return an activation that is always active
     */
    static Activation always() {
        return Always.INSTANCE;
    }

    /**
     * Active while the current environment is one of {@code names}.
     *
     * @param environment reads the environment's name each time (e.g. {@code () -> System.getenv("APP_ENV")}); null matches none
     * @param names       the environments in which the rule is active
     * @return an activation reading the environment at each planning
     * @throws NullPointerException for a null {@code environment} or name
     * @throws IllegalArgumentException for a name given twice
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
     * @param flag  the flag's name
     * @return an activation asking {@code flags} at each planning
     * @throws NullPointerException for a null argument
     */
    static Activation whenFeature(Predicate<String> flags, String flag) {
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(flag, "flag");
        return (context, now) -> flags.test(flag);
    }

    /**
     * Active during a daily time window; the window wraps past midnight when {@code end} is before {@code start}.
     *
     * @param start the first local time of the window (inclusive)
     * @param end   the local time the window closes (exclusive)
     * @param zone  the zone the local times are in
     * @return an activation over the clock's instant
     * @throws NullPointerException for a null argument
     */
    static Activation between(LocalTime start, LocalTime end, ZoneId zone) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(zone, "zone");
        return (context, now) -> {
            LocalTime time = LocalTime.ofInstant(now, zone);
            return start.isBefore(end) ? !time.isBefore(start) && time.isBefore(end) : !time.isBefore(start) || time.isBefore(end);
        };
    }

    /**
     * Combines two activations.
     *
     * @param other the activation that must also hold
     * @return an activation active only while this one and {@code other} both are
     * @throws NullPointerException for a null {@code other}
     */
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
