package dev.kysera.executor.internal;

import dev.kysera.executor.BypassToken;
import dev.kysera.executor.ColumnMask;
import dev.kysera.executor.Enforcement;
import dev.kysera.executor.Plugin;
import dev.kysera.executor.RowFilter;
import dev.kysera.executor.StatementObserver;
import dev.kysera.executor.StatementTransform;
import dev.kysera.executor.TransactionObserver;
import dev.kysera.executor.WriteRule;
import dev.kysera.executor.WriteValues;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The roles of the plugins active on one executor, each list in its own run order. Immutable;
 * derived executors that bypass plugins get a filtered copy.
 */
public final class ActiveRoles {

    private static final Comparator<Registered<?>> ORDER =
            Comparator.<Registered<?>>comparingInt(r -> -r.order()).thenComparingInt(Registered::pluginIndex);

    final List<Registered<RowFilter>> rowFilters;
    final List<Registered<WriteValues>> writeValues;
    final List<Registered<WriteRule>> writeRules;
    final List<Registered<StatementTransform>> transforms;
    final List<Registered<StatementObserver>> statementObservers;
    final List<Registered<TransactionObserver>> transactionObservers;
    final List<Registered<Enforcement>> enforcements;
    final List<Registered<ColumnMask>> columnMasks;
    /** The statement observers of the kept plugins, without the bypass observers of the others. */
    private final List<Registered<StatementObserver>> ownObservers;
    /** Every plugin's bypass observers, kept or not: a retained copy runs those of the plugins it left out. */
    private final List<Registered<StatementObserver>> bypassObservers;
    private final boolean plansLazily;

    ActiveRoles(RoleCollector collected) {
        this(collected.rowFilters, collected.writeValues, collected.writeRules, collected.transforms,
                collected.statementObservers, collected.transactionObservers, collected.enforcements, collected.columnMasks,
                collected.bypassObservers, p -> true);
    }

    private ActiveRoles(List<Registered<RowFilter>> rowFilters, List<Registered<WriteValues>> writeValues,
                        List<Registered<WriteRule>> writeRules, List<Registered<StatementTransform>> transforms,
                        List<Registered<StatementObserver>> statementObservers,
                        List<Registered<TransactionObserver>> transactionObservers, List<Registered<Enforcement>> enforcements,
                        List<Registered<ColumnMask>> columnMasks, List<Registered<StatementObserver>> bypassObservers,
                        Predicate<Plugin> keep) {
        this.rowFilters = sorted(rowFilters, keep);
        this.writeValues = sorted(writeValues, keep);
        this.writeRules = sorted(writeRules, keep);
        this.transforms = sorted(transforms, keep);
        this.ownObservers = sorted(statementObservers, keep);
        this.bypassObservers = List.copyOf(bypassObservers);
        this.statementObservers = java.util.stream.Stream.concat(ownObservers.stream(),
                bypassObservers.stream().filter(r -> !keep.test(r.plugin()))).sorted(ORDER).toList();
        this.transactionObservers = sorted(transactionObservers, keep);
        this.enforcements = sorted(enforcements, keep);
        this.columnMasks = sorted(columnMasks, keep);
        this.plansLazily = !plans() && observes() && this.statementObservers.stream().noneMatch(r -> r.role().readsPlans());
    }

    private static <R> List<Registered<R>> sorted(List<Registered<R>> roles, Predicate<Plugin> keep) {
        return roles.stream().filter(r -> keep.test(r.plugin())).sorted(ORDER).toList();
    }

    /** Only the roles of plugins {@code keep} accepts. */
    public ActiveRoles retain(Predicate<Plugin> keep) {
        return new ActiveRoles(rowFilters, writeValues, writeRules, transforms, ownObservers, transactionObservers,
                enforcements, columnMasks, bypassObservers, keep);
    }

    /** Whether a fail-closed plugin is active. */
    public boolean failClosed() {
        return !enforcements.isEmpty();
    }

    /** Whether the plugin is fail-closed. */
    public boolean enforces(Plugin plugin) {
        return enforcements.stream().anyMatch(r -> r.plugin() == plugin);
    }

    /** The fail-closed plugins that accept this token. */
    public List<Plugin> bypassedBy(BypassToken token) {
        return enforcements.stream().filter(r -> r.role().permitsBypass(token)).map(Registered::plugin).toList();
    }

    /** Whether any role must see statements while they are planned. */
    public boolean plans() {
        return !rowFilters.isEmpty() || !writeValues.isEmpty() || !writeRules.isEmpty() || !transforms.isEmpty()
                || !enforcements.isEmpty() || !columnMasks.isEmpty();
    }

    /** Whether a plugin with a planning role applies to this table. */
    public boolean enforcesOrApplies(dev.kysera.executor.TableReference table) {
        return appliesIn(rowFilters, table) || appliesIn(writeValues, table) || appliesIn(writeRules, table)
                || appliesIn(transforms, table) || appliesIn(columnMasks, table);
    }

    private static boolean appliesIn(List<? extends Registered<?>> roles, dev.kysera.executor.TableReference table) {
        for (Registered<?> role : roles) {
            if (role.plugin().appliesTo(table)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether statements are planned only when an observer asks: no role plans statements, and no
     * observer reads most plans ({@link StatementObserver#readsPlans()}).
     */
    public boolean plansLazily() {
        return plansLazily;
    }

    /** Whether any role observes executions. */
    public boolean observes() {
        return !statementObservers.isEmpty();
    }
}
