package dev.kysera.cli.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Points in time given as options: an instant, a UTC date, or a duration back from now. */
final class Instants {

    private Instants() {
    }

    /**
     * {@code 2026-01-31T00:00:00Z} or the UTC date {@code 2026-01-31} (its start).
     *
     * @throws UsageException naming the option if the text is neither
     */
    static Instant parse(String option, String text) {
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new UsageException(option + " must be an instant such as 2026-01-31T00:00:00Z or a date such as 2026-01-31, was '"
                    + text + "'");
        }
    }

    /**
     * Now minus a duration such as {@code 30d}, {@code 12h} or ISO-8601 {@code P30D} / {@code PT12H}.
     *
     * @throws UsageException naming the option if the text is not a duration
     */
    static Instant ago(String option, String duration) {
        try {
            return Instant.now().minus(Durations.parse(duration));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new UsageException(option + " must be a duration such as 30d, 12h or P30D, was '" + duration + "'");
        }
    }
}
