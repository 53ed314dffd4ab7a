package dev.kysera.executor.internal;

import dev.kysera.executor.Plugin;

/**
 * One role a plugin registered, with its place in the role's order.
 *
 * @param plugin      who registered it
 * @param order       the role's own order, higher first
 * @param pluginIndex the plugin's position in plugin order, for ties
 * @param role        the role object
 */
public record Registered<R>(Plugin plugin, int order, int pluginIndex, R role) {
}
