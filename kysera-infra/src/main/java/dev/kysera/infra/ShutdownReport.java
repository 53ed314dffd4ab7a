package dev.kysera.infra;

import java.time.Duration;

/**
 * What {@link GracefulShutdown#shutdown} did.
 *
 * @param drained   whether every in-flight transaction ended before the timeout
 * @param abandoned transactions still running when the resources were closed (their connections are
 *                  closed under them, so they roll back)
 * @param refused   transactions refused since the shutdown began
 * @param took      how long the shutdown took
 */
public record ShutdownReport(boolean drained, int abandoned, long refused, Duration took) {
}
