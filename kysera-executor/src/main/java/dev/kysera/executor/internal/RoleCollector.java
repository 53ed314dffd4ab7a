package dev.kysera.executor.internal;

import dev.kysera.executor.ColumnMask;
import dev.kysera.executor.Enforcement;
import dev.kysera.executor.Plugin;
import dev.kysera.executor.PluginConfigurationException;
import dev.kysera.executor.PluginRoles;
import dev.kysera.executor.RowFilter;
import dev.kysera.executor.StatementObserver;
import dev.kysera.executor.StatementTransform;
import dev.kysera.executor.TransactionObserver;
import dev.kysera.executor.WriteRule;
import dev.kysera.executor.WriteValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Collects the roles of every plugin, in plugin order, when an executor is built. */
public final class RoleCollector {

    final List<Registered<RowFilter>> rowFilters = new ArrayList<>();
    final List<Registered<WriteValues>> writeValues = new ArrayList<>();
    final List<Registered<WriteRule>> writeRules = new ArrayList<>();
    final List<Registered<StatementTransform>> transforms = new ArrayList<>();
    final List<Registered<StatementObserver>> statementObservers = new ArrayList<>();
    final List<Registered<TransactionObserver>> transactionObservers = new ArrayList<>();
    final List<Registered<Enforcement>> enforcements = new ArrayList<>();
    final List<Registered<ColumnMask>> columnMasks = new ArrayList<>();
    final List<Registered<StatementObserver>> bypassObservers = new ArrayList<>();

    private RoleCollector() {
    }

    /** Calls every plugin's {@link Plugin#register} and returns all roles as one immutable set. */
    public static ActiveRoles collect(List<Plugin> ordered) {
        RoleCollector collector = new RoleCollector();
        for (int i = 0; i < ordered.size(); i++) {
            ordered.get(i).register(collector.forPlugin(ordered.get(i), i));
        }
        return new ActiveRoles(collector);
    }

    private PluginRoles forPlugin(Plugin plugin, int index) {
        return new PluginRoles() {
            private <R> PluginRoles add(List<Registered<R>> list, int order, R role) {
                list.add(new Registered<>(plugin, order, index, Objects.requireNonNull(role, "role")));
                return this;
            }

            @Override
            public PluginRoles rowFilter(RowFilter filter) {
                return rowFilter(plugin.priority(), filter);
            }

            @Override
            public PluginRoles rowFilter(int order, RowFilter filter) {
                return add(rowFilters, order, filter);
            }

            @Override
            public PluginRoles writeValues(WriteValues values) {
                return writeValues(plugin.priority(), values);
            }

            @Override
            public PluginRoles writeValues(int order, WriteValues values) {
                return add(writeValues, order, values);
            }

            @Override
            public PluginRoles writeRule(WriteRule rule) {
                return add(writeRules, plugin.priority(), rule);
            }

            @Override
            public PluginRoles transform(StatementTransform transform) {
                return add(transforms, plugin.priority(), transform);
            }

            @Override
            public PluginRoles statementObserver(StatementObserver observer) {
                return statementObserver(plugin.priority(), observer);
            }

            @Override
            public PluginRoles statementObserver(int order, StatementObserver observer) {
                return add(statementObservers, order, observer);
            }

            @Override
            public PluginRoles transactionObserver(TransactionObserver observer) {
                return add(transactionObservers, plugin.priority(), observer);
            }

            @Override
            public PluginRoles columnMask(ColumnMask mask) {
                return add(columnMasks, plugin.priority(), mask);
            }

            @Override
            public PluginRoles bypassObserver(StatementObserver observer) {
                return add(bypassObservers, plugin.priority(), observer);
            }

            @Override
            public PluginRoles enforcement(Enforcement enforcement) {
                if (enforcements.stream().anyMatch(r -> r.plugin() == plugin)) {
                    throw new PluginConfigurationException(PluginConfigurationException.DUPLICATE,
                            "Plugin '" + plugin.name() + "' registers its enforcement twice", List.of(plugin.name()));
                }
                return add(enforcements, plugin.priority(), enforcement);
            }
        };
    }
}
