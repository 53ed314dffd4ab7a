/**
 * Typed temporal values for a column: the one place that decides which Java value a timestamp
 * column takes (LocalDateTime, OffsetDateTime, Instant, epoch numbers, ISO-8601 text), shared by
 * every plugin that writes time (timestamps, soft delete, audit).
 */
package dev.kysera.core.temporal;
