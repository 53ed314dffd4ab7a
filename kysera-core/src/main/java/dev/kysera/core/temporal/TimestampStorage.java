package dev.kysera.core.temporal;

/**
 * The Java value written to a timestamp column. Every variant holds the same instant from the
 * plugin's clock, in UTC; they differ only in how a database column can take it.
 */
public enum TimestampStorage {

    /**
     * Decided per column from its jOOQ data type: {@code LocalDateTime} columns get
     * {@link #LOCAL_DATE_TIME}, {@code OffsetDateTime} ({@code TIMESTAMP WITH TIME ZONE}) columns
     * {@link #OFFSET_DATE_TIME}, {@code Instant} columns {@link #INSTANT}, {@code java.sql.Timestamp}
     * columns the UTC wall clock, {@code Long}/{@code BigInteger}/{@code BigDecimal} columns
     * {@link #EPOCH_MILLIS}, {@code String} columns {@link #ISO_8601_TEXT}. Columns jOOQ knows no
     * type for ({@code DSL.table(name)}, untyped fields) get {@link #LOCAL_DATE_TIME}. A 32-bit
     * integer column is refused (it cannot hold epoch millis): configure {@link #EPOCH_SECONDS}.
     */
    AUTO,

    /** The UTC wall clock as {@code LocalDateTime}: TIMESTAMP (PostgreSQL, H2), DATETIME(6) (MariaDB), TEXT (SQLite). */
    LOCAL_DATE_TIME,

    /** {@code OffsetDateTime} at offset UTC, for TIMESTAMP WITH TIME ZONE columns. */
    OFFSET_DATE_TIME,

    /** {@code Instant}, for TIMESTAMP WITH TIME ZONE columns mapped to {@code Instant}. */
    INSTANT,

    /** Milliseconds since the epoch as {@code Long}, for BIGINT / INTEGER (SQLite) columns. */
    EPOCH_MILLIS,

    /** Seconds since the epoch as {@code Long}, for integer columns that use Unix time. */
    EPOCH_SECONDS,

    /**
     * Fixed-width ISO-8601 UTC text, {@code 2024-01-15T10:30:00.123456Z} (always six fraction
     * digits, so text order is time order), for text columns mapped to {@code String}.
     */
    ISO_8601_TEXT
}
