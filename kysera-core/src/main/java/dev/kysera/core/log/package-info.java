/**
 * Logging: Kysera logs through {@link java.lang.System.Logger} (see {@link dev.kysera.core.log.KyseraLog}),
 * so the core has no logging dependency and applications route it to their own framework.
 */
package dev.kysera.core.log;
