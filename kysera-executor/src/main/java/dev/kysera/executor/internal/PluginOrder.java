package dev.kysera.executor.internal;

import dev.kysera.executor.Plugin;
import dev.kysera.executor.PluginConfigurationException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Validates a plugin list and puts it in run order: dependencies first, then higher priority,
 * then registration order.
 */
public final class PluginOrder {

    private PluginOrder() {
    }

    /**
     * @throws PluginConfigurationException on duplicates, missing dependencies, conflicts or cycles
     */
    public static List<Plugin> resolve(List<? extends Plugin> plugins) {
        Map<String, Plugin> byName = indexByName(plugins);
        checkDependenciesAndConflicts(byName);
        return topologicalOrder(plugins, byName);
    }

    private static Map<String, Plugin> indexByName(List<? extends Plugin> plugins) {
        Map<String, Plugin> byName = new LinkedHashMap<>();
        for (Plugin plugin : plugins) {
            if (byName.putIfAbsent(plugin.name(), plugin) != null) {
                throw new PluginConfigurationException(PluginConfigurationException.DUPLICATE,
                        "Plugin '" + plugin.name() + "' is registered twice", List.of(plugin.name()));
            }
        }
        return byName;
    }

    private static void checkDependenciesAndConflicts(Map<String, Plugin> byName) {
        for (Plugin plugin : byName.values()) {
            for (String dependency : sorted(plugin.dependsOn())) {
                if (!byName.containsKey(dependency)) {
                    throw new PluginConfigurationException(PluginConfigurationException.MISSING_DEPENDENCY,
                            "Plugin '" + plugin.name() + "' depends on '" + dependency + "', which is not registered",
                            List.of(plugin.name(), dependency));
                }
            }
            for (String conflict : sorted(plugin.conflictsWith())) {
                if (byName.containsKey(conflict)) {
                    throw new PluginConfigurationException(PluginConfigurationException.CONFLICT,
                            "Plugin '" + plugin.name() + "' conflicts with '" + conflict + "'; register only one of them",
                            List.of(plugin.name(), conflict));
                }
            }
        }
    }

    private static List<Plugin> topologicalOrder(List<? extends Plugin> plugins, Map<String, Plugin> byName) {
        Map<Plugin, Integer> registration = new HashMap<>();
        plugins.forEach(p -> registration.put(p, registration.size()));
        Map<String, Integer> unmetDependencies = new HashMap<>();
        Map<String, List<Plugin>> dependents = new HashMap<>();
        for (Plugin plugin : plugins) {
            unmetDependencies.put(plugin.name(), plugin.dependsOn().size());
            plugin.dependsOn().forEach(d -> dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(plugin));
        }
        PriorityQueue<Plugin> ready = new PriorityQueue<>(Comparator.comparingInt(Plugin::priority).reversed()
                .thenComparing(registration::get));
        plugins.stream().filter(p -> p.dependsOn().isEmpty()).forEach(ready::add);
        List<Plugin> order = new ArrayList<>(plugins.size());
        while (!ready.isEmpty()) {
            Plugin next = ready.poll();
            order.add(next);
            for (Plugin dependent : dependents.getOrDefault(next.name(), List.of())) {
                if (unmetDependencies.merge(dependent.name(), -1, Integer::sum) == 0) {
                    ready.add(dependent);
                }
            }
        }
        if (order.size() < plugins.size()) {
            List<String> cycle = findCycle(byName, order);
            throw new PluginConfigurationException(PluginConfigurationException.CYCLE,
                    "Plugin dependencies form a cycle: " + String.join(" -> ", cycle), cycle);
        }
        return List.copyOf(order);
    }

    /** Walks dependencies from an unordered plugin until a name repeats; that stretch is a cycle. */
    private static List<String> findCycle(Map<String, Plugin> byName, List<Plugin> ordered) {
        Set<String> done = new HashSet<>();
        ordered.forEach(p -> done.add(p.name()));
        String current = byName.keySet().stream().filter(n -> !done.contains(n)).findFirst().orElseThrow();
        List<String> path = new ArrayList<>();
        while (!path.contains(current)) {
            path.add(current);
            current = sorted(byName.get(current).dependsOn()).stream()
                    .filter(d -> !done.contains(d)).findFirst().orElseThrow();
        }
        List<String> cycle = new ArrayList<>(path.subList(path.indexOf(current), path.size()));
        cycle.add(current);
        return cycle;
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }
}
