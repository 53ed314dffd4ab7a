package dev.kysera.rls.internal;

import dev.kysera.executor.Assignment;
import dev.kysera.executor.ContextKey;
import dev.kysera.executor.Operation;
import dev.kysera.executor.PluginContext;
import dev.kysera.executor.TableReference;
import dev.kysera.executor.Transform;
import dev.kysera.executor.Verdict;
import dev.kysera.executor.plan.PostImage;
import dev.kysera.executor.plan.WrittenValue;
import dev.kysera.rls.PolicyScope;
import dev.kysera.rls.RlsDecision;
import dev.kysera.rls.RlsAccessDeniedException;
import dev.kysera.rls.RlsContext;
import dev.kysera.rls.RlsOperation;
import dev.kysera.rls.RlsOptions;
import dev.kysera.rls.RowCondition;
import dev.kysera.rls.Rule;
import dev.kysera.rls.TablePolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.QOM;

/**
 * The decisions of {@link dev.kysera.rls.RlsPlugin}'s roles, one method per role. Pure: every
 * decision is a function of the options, the table occurrence, the statement's values and the
 * context read when the statement is planned. Everything that goes wrong denies. Not API.
 */
public final class PolicyEngine {

    private static final Comparator<Rule> BY_PRIORITY = Comparator.comparingInt((Rule r) -> -r.meta().priority());

    private final RlsOptions options;
    private final Map<String, TablePolicy> policies;
    private final ContextKey<RlsContext> key;
    /** Tables with mask rules: only their occurrences are asked about masks. */
    private final java.util.Set<String> masked;

    /**
     * @param options what to enforce
     * @param key     where statements find the context
     */
    public PolicyEngine(RlsOptions options, ContextKey<RlsContext> key) {
        this.options = options;
        this.key = key;
        this.policies = options.policies();
        this.masked = policies.values().stream().filter(p -> p.rules().stream().anyMatch(Rule.Mask.class::isInstance))
                .map(TablePolicy::table).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Whether the table has a policy. */
    public boolean protects(TableReference table) {
        return policies.containsKey(table.name());
    }

    /** Whether statements may name the relation: it has a policy or is declared harmless. */
    public boolean knows(TableReference relation) {
        return protects(relation) || options.harmless().contains(relation.name());
    }

    // ------------------------------------------------------------------ row filter

    /** Which existing rows the operation may see or touch; empty when unrestricted. */
    public Optional<Condition> rows(TableReference table, Operation operation, PluginContext context) {
        RlsOperation op = switch (operation) {
            case READ -> RlsOperation.READ;
            case UPDATE -> RlsOperation.UPDATE;
            case DELETE -> RlsOperation.DELETE;
            case INSERT -> null;
        };
        TablePolicy policy = policies.get(table.name());
        if (op == null || policy == null) {
            return Optional.of(DSL.falseCondition());
        }
        Optional<RlsContext> found = find(context);
        if (found.isEmpty()) {
            if (options.missingContext() == RlsOptions.MissingContext.EMPTY) {
                return Optional.of(DSL.falseCondition());
            }
            throw noContext(table, op);
        }
        RlsContext ctx = found.get();
        if (skipped(policy, ctx)) {
            return Optional.empty();
        }
        PolicyScope scope = new PolicyScope(table, ctx);
        List<Condition> all = conditions(table, op, active(policy, ctx, op, Rule.Filter.class), scope);
        // Updating or deleting a row needs the right to read it too: otherwise affected-row counts and
        // RETURNING would disclose rows the caller may not see.
        if (!permit(policy, ctx, RlsOperation.READ, table, scope, all)
                || op != RlsOperation.READ && !permit(policy, ctx, op, table, scope, all)) {
            return Optional.of(DSL.falseCondition());
        }
        return all.isEmpty() ? Optional.empty() : Optional.of(DSL.and(all));
    }

    /** Adds the allow and deny conditions of {@code op} to {@code sink}; false when nothing is allowed (default deny). */
    private boolean permit(TablePolicy policy, RlsContext ctx, RlsOperation op, TableReference table, PolicyScope scope,
                           List<Condition> sink) {
        List<Condition> allows = conditions(table, op, active(policy, ctx, op, Rule.Allow.class), scope);
        if (allows.isEmpty()) {
            if (policy.deniesByDefault(options.defaultDeny())) {
                return false;
            }
        } else {
            sink.add(DSL.or(allows));
        }
        List<Condition> denies = conditions(table, op, active(policy, ctx, op, Rule.Deny.class), scope);
        if (!denies.isEmpty()) {
            sink.add(DSL.not(DSL.or(denies)));
        }
        return true;
    }

    private List<Condition> conditions(TableReference table, RlsOperation op, List<Rule> rules, PolicyScope scope) {
        List<Condition> result = new ArrayList<>(rules.size());
        for (Rule rule : rules) {
            result.add(condition(table, op, rule, scope));
        }
        return result;
    }

    private Condition condition(TableReference table, RlsOperation op, Rule rule, PolicyScope scope) {
        RowCondition condition = switch (rule) {
            case Rule.Filter filter -> filter.condition();
            case Rule.Allow allow -> allow.condition();
            case Rule.Deny deny -> deny.condition();
            default -> throw new IllegalArgumentException("not a row rule: " + rule.name());
        };
        return evaluate(table, op, rule, () -> condition.condition(scope));
    }

    // ------------------------------------------------------------------ create decision

    /** Whether the target may be written at all: refuses creates that no allow rule permits, or that a deny forbids. */
    public Transform transform(TableReference table, Operation operation, PluginContext context) {
        if (operation != Operation.INSERT) {
            return Transform.keep();
        }
        RlsOperation op = RlsOperation.CREATE;
        TablePolicy policy = policies.get(table.name());
        RlsContext ctx = find(context).orElseThrow(() -> noContext(table, op));
        if (policy == null) {
            throw denied(table, op, null, "the table has no policy", null);
        }
        if (skipped(policy, ctx)) {
            return Transform.keep();
        }
        PolicyScope scope = new PolicyScope(table, ctx);
        for (Rule rule : active(policy, ctx, op, Rule.Deny.class)) {
            if (decide(table, rule, condition(table, op, rule, scope))) {
                throw denied(table, op, rule.name(), "denied by rule '" + rule.name() + "'", null);
            }
        }
        List<Rule> allows = active(policy, ctx, op, Rule.Allow.class);
        if (allows.isEmpty()) {
            if (policy.deniesByDefault(options.defaultDeny())) {
                throw denied(table, op, null, "no rule allows it (default deny)", null);
            }
            return Transform.keep();
        }
        for (Rule rule : allows) {
            if (decide(table, rule, condition(table, op, rule, scope))) {
                return Transform.keep();
            }
        }
        throw denied(table, op, null, "no allow rule matched", null);
    }

    private boolean decide(TableReference table, Rule rule, Condition condition) {
        ConstantConditions.Truth truth = ConstantConditions.truth(condition);
        if (truth != ConstantConditions.Truth.UNKNOWN) {
            return truth == ConstantConditions.Truth.TRUE;
        }
        throw denied(table, RlsOperation.CREATE, rule.name(), "rule '" + rule.name() + "' depends on row values, which are not known "
                + "before the row exists: decide creates from the context (Rule.allowIf) and check row values with Rule.validate", null);
    }

    // ------------------------------------------------------------------ stamps

    /** Values written into every created row: the context's tenant, owner, … unless the statement writes them. */
    public List<Assignment> stamps(TableReference table, Operation operation, PluginContext context) {
        TablePolicy policy = policies.get(table.name());
        Optional<RlsContext> found = find(context);
        if (operation != Operation.INSERT || policy == null || found.isEmpty() || skipped(policy, found.get())) {
            return List.of();
        }
        RlsContext ctx = found.get();
        List<Assignment> result = new ArrayList<>();
        for (Rule rule : active(policy, ctx, RlsOperation.CREATE, Rule.Stamp.class)) {
            Rule.Stamp<?> stamp = (Rule.Stamp<?>) rule;
            Object value = evaluate(table, RlsOperation.CREATE, rule, () -> Objects.requireNonNull(stamp.value().apply(ctx), "stamp value"));
            result.add(Assignment.of(stamp.column(), DSL.val(value, stamp.type())));
        }
        return result;
    }

    // ------------------------------------------------------------------ write rule

    /**
     * The verdict on what a create or update writes: every active validate rule must accept it.
     * Refusals are thrown (as {@link RlsAccessDeniedException}, naming the rule), never returned.
     */
    public Verdict judge(TableReference table, Operation operation, PostImage image, PluginContext context) {
        RlsOperation op = operation == Operation.INSERT ? RlsOperation.CREATE : RlsOperation.UPDATE;
        TablePolicy policy = policies.get(table.name());
        Optional<RlsContext> found = find(context);
        if (policy == null) {
            throw denied(table, op, null, "the table has no policy", null);
        }
        if (found.isEmpty()) {
            // Without context an update touches no row (see rows()); a create is refused.
            if (op == RlsOperation.UPDATE && options.missingContext() == RlsOptions.MissingContext.EMPTY) {
                return Verdict.allow();
            }
            throw noContext(table, op);
        }
        RlsContext ctx = found.get();
        if (skipped(policy, ctx)) {
            return Verdict.allow();
        }
        protectedColumns(table, op, policy, image, ctx);
        List<Condition> required = new ArrayList<>();
        for (Rule rule : active(policy, ctx, op, Rule.Validate.class)) {
            check(table, op, (Rule.Validate<?>) rule, image, ctx).ifPresent(required::add);
        }
        required.addAll(copiedMasks(table, op, policy, image, ctx, context));
        return required.isEmpty() ? Verdict.allow() : Verdict.require(DSL.and(required));
    }

    /** Empty when the value is accepted, a condition when SQL must check it; throws when it is refused. */
    private <T> Optional<Condition> check(TableReference table, RlsOperation op, Rule.Validate<T> rule, PostImage image,
                                          RlsContext ctx) {
        Optional<WrittenValue> written = image.value(rule.column());
        if (written.isEmpty()) {
            if (op == RlsOperation.CREATE) {
                throw refused(table, op, rule, "a created row must have " + rule.column() + " written");
            }
            return Optional.empty();
        }
        return switch (written.get()) {
            case WrittenValue.Constant constant -> {
                if (!evaluate(table, op, rule, () -> rule.accepts().test(ctx, rule.type().convert(constant.value())))) {
                    throw refused(table, op, rule, "refuses " + rule.column() + " = " + constant.value());
                }
                yield Optional.empty();
            }
            case WrittenValue.Computed computed -> {
                if (rule.inSql() == null) {
                    throw refused(table, op, rule, "cannot check " + rule.column() + " computed by the database");
                }
                yield Optional.of(evaluate(table, op, rule, () -> rule.inSql().condition(new PolicyScope(table, ctx), typed(computed.expression(), rule))));
            }
            case WrittenValue.BoundAtExecution bound -> throw refused(table, op, rule, rule.column() + " is not bound yet");
            case WrittenValue.Opaque opaque -> throw refused(table, op, rule, "cannot check " + rule.column()
                    + " written as " + opaque.reason());
        };
    }

    /** Refuses a write of columns the context may not write, naming them all. */
    private void protectedColumns(TableReference table, RlsOperation op, TablePolicy policy, PostImage image, RlsContext ctx) {
        List<String> refused = new ArrayList<>();
        String first = null;
        for (Rule rule : active(policy, ctx, op, Rule.Protect.class)) {
            Rule.Protect protect = (Rule.Protect) rule;
            if (image.writes(protect.column()) && !evaluate(table, op, rule, () -> protect.mayWrite().test(ctx))) {
                refused.add(protect.column());
                first = first == null ? rule.name() : first;
            }
        }
        if (!refused.isEmpty()) {
            throw denied(table, op, first, "may not write protected columns " + refused, null);
        }
    }

    /**
     * An UPDATE's SET may copy a masked column of its own target into another column (the target
     * is not read through the mask): such a write only happens on rows where the column is
     * readable. Values the plan cannot see into are refused while masks apply.
     */
    private List<Condition> copiedMasks(TableReference table, RlsOperation op, TablePolicy policy, PostImage image, RlsContext ctx,
                                        PluginContext context) {
        List<Rule> masks = op == RlsOperation.UPDATE ? active(policy, ctx, RlsOperation.READ, Rule.Mask.class) : List.of();
        if (masks.isEmpty()) {
            return List.of();
        }
        PolicyScope scope = new PolicyScope(table, ctx);
        List<Condition> result = new ArrayList<>();
        for (var entry : image.values().entrySet()) {
            String rendered = switch (entry.getValue()) {
                case WrittenValue.Computed computed -> DSL.using(context.dialect()).renderInlined(computed.expression());
                case WrittenValue.Opaque opaque -> throw denied(table, op, masks.get(0).name(), "cannot check whether "
                        + entry.getKey() + " (written as " + opaque.reason() + ") copies a masked column", null);
                default -> null;
            };
            for (Rule rule : masks) {
                Rule.Mask<?> mask = (Rule.Mask<?>) rule;
                if (rendered != null && mentions(rendered, mask.column())) {
                    result.add(evaluate(table, op, rule, () -> mask.readable().condition(scope)));
                }
            }
        }
        return result;
    }

    /** Whether the SQL names the column as an identifier (quoted or not); conservative: a string literal counts too. */
    private static boolean mentions(String sql, String column) {
        return java.util.regex.Pattern.compile("(?i)(^|[^a-z0-9_$])" + java.util.regex.Pattern.quote(column) + "($|[^a-z0-9_$])")
                .matcher(sql).find();
    }

    // ------------------------------------------------------------------ column masks

    /**
     * The masked columns of an occurrence the statement reads: per column, {@code CASE WHEN
     * readable THEN column ELSE mask END} for every active mask rule. Without a context every mask
     * applies unconditionally.
     */
    public Map<String, Field<?>> masks(TableReference table, PluginContext context) {
        TablePolicy policy = policies.get(table.name());
        if (policy == null || !masked.contains(policy.table())) {
            return Map.of();
        }
        Optional<RlsContext> found = find(context);
        Map<String, Field<?>> result = new java.util.LinkedHashMap<>();
        if (found.isEmpty()) {
            for (Rule rule : policy.rules()) {
                if (rule instanceof Rule.Mask<?> mask) {
                    result.put(mask.column(), masked(mask, table, DSL.falseCondition(), result));
                }
            }
            return result;
        }
        RlsContext ctx = found.get();
        if (skipped(policy, ctx)) {
            return Map.of();
        }
        PolicyScope scope = new PolicyScope(table, ctx);
        for (Rule rule : active(policy, ctx, RlsOperation.READ, Rule.Mask.class)) {
            Rule.Mask<?> mask = (Rule.Mask<?>) rule;
            Condition readable = evaluate(table, RlsOperation.READ, rule, () -> mask.readable().condition(scope));
            if (!(readable instanceof QOM.True)) {
                result.put(mask.column(), masked(mask, table, readable, result));
            }
        }
        return result;
    }

    /**
     * The refusal of an UPDATE or DELETE whose conditions test {@code columns}, masked on its own
     * target: the target is written, not read through the masks, so the affected-row count would
     * tell one bit per row of the stored values. Names the first mask rule of those columns.
     */
    public RlsAccessDeniedException testedMasks(TableReference table, Operation operation, java.util.Set<String> columns,
                                                PluginContext context) {
        RlsOperation op = operation == Operation.DELETE ? RlsOperation.DELETE : RlsOperation.UPDATE;
        String rule = policies.get(table.name()).rules().stream()
                .filter(r -> r instanceof Rule.Mask<?> mask && columns.contains(mask.column().toLowerCase(Locale.ROOT)))
                .map(Rule::name).findFirst().orElse(null);
        return denied(table, op, rule, "the " + op.name().toLowerCase(Locale.ROOT) + " tests masked columns "
                + new java.util.TreeSet<>(columns) + " of " + table.name() + " (WHERE, join, ORDER BY or a correlated subquery): "
                + "its affected-row count would disclose their stored values; select the rows by columns the context may read", null);
    }

    /** Whether any mask applies to this table for the context (RETURNING is then refused: it would read the stored values). */
    public boolean masksApply(TableReference table, PluginContext context) {
        return !masks(table, context).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static <T> Field<T> masked(Rule.Mask<T> mask, TableReference table, Condition readable, Map<String, Field<?>> earlier) {
        Field<T> stored = table.field(mask.column(), mask.type());
        Field<T> current = earlier.containsKey(mask.column()) ? (Field<T>) earlier.get(mask.column()) : stored;
        if (readable instanceof QOM.True) {
            return current;
        }
        Field<T> replacement = Objects.requireNonNull(mask.masking().apply(stored), "masking");
        // Always a CASE over the stored column, so the result keeps its type (and, on MariaDB, its collation).
        return DSL.when(readable, current).otherwise(replacement);
    }

    private RlsAccessDeniedException refused(TableReference table, RlsOperation op, Rule rule, String what) {
        return denied(table, op, rule.name(), "rule '" + rule.name() + "' " + what, null);
    }

    @SuppressWarnings("unchecked")
    private static <T> Field<T> typed(Field<?> expression, Rule.Validate<T> rule) {
        return expression.getDataType().getType() == rule.type().getType() ? (Field<T>) expression : expression.coerce(rule.type());
    }

    // ------------------------------------------------------------------ decisions (audit)

    /**
     * What the policy decided for a table occurrence of a statement that ran: the same pure
     * decision as when it was planned, told as outcome, rules and reason.
     *
     * @param outcome  allowed, denied (no rows visible) or bypassed by a role
     * @param policies the active rules that shaped the statement
     * @param reason   in words
     */
    public record Explained(RlsDecision.Outcome outcome, List<String> policies, String reason) {
    }

    /** The decision about one occurrence, or empty when the table has no policy. */
    public Optional<Explained> explain(TableReference table, RlsOperation op, Optional<RlsContext> found) {
        TablePolicy policy = policies.get(table.name());
        if (policy == null) {
            return Optional.empty();
        }
        if (found.isEmpty()) {
            return Optional.of(new Explained(RlsDecision.Outcome.DENIED, List.of(), "no RLS context: no rows"));
        }
        RlsContext ctx = found.get();
        if (skipped(policy, ctx)) {
            return Optional.of(new Explained(RlsDecision.Outcome.BYPASSED, List.of(), "a role of " + ctx.roles()
                    + " skips the policy of " + table.name()));
        }
        List<String> names = new ArrayList<>();
        boolean allowed = true;
        List<RlsOperation> ops = op == RlsOperation.UPDATE || op == RlsOperation.DELETE ? List.of(RlsOperation.READ, op) : List.of(op);
        for (RlsOperation each : ops) {
            List<Rule> rules = policy.rules().stream().filter(rule -> appliesTo(rule, each)).toList();
            boolean anyAllow = false;
            for (Rule rule : rules) {
                if (active(policy, ctx, each, rule.getClass()).contains(rule)) {
                    anyAllow |= rule instanceof Rule.Allow;
                    if (!names.contains(rule.name())) {
                        names.add(rule.name());
                    }
                }
            }
            allowed &= anyAllow || !policy.deniesByDefault(options.defaultDeny());
        }
        return Optional.of(allowed ? new Explained(RlsDecision.Outcome.ALLOWED, names, "within the policy of " + table.name())
                : new Explained(RlsDecision.Outcome.DENIED, names, "no rule allows " + op.name().toLowerCase(Locale.ROOT)
                + " (default deny): no rows"));
    }

    /** The context a statement runs with: the executor's, else the current thread's. */
    public Optional<RlsContext> context(PluginContext context) {
        return find(context);
    }

    // ------------------------------------------------------------------ helpers

    /** The executor's context, else the one scoped to the current thread. */
    private Optional<RlsContext> find(PluginContext context) {
        return context.get(key).or(ThreadScope::current);
    }

    private boolean skipped(TablePolicy policy, RlsContext ctx) {
        return ctx.hasAnyRole(options.bypassRoles()) || ctx.hasAnyRole(policy.skipFor());
    }

    /** The rules of this kind for the operation that are active now, highest priority first. */
    private List<Rule> active(TablePolicy policy, RlsContext ctx, RlsOperation op, Class<? extends Rule> kind) {
        Instant now = options.clock().instant();
        return policy.rules().stream()
                .filter(kind::isInstance)
                .filter(rule -> appliesTo(rule, op))
                .filter(rule -> !ctx.hasAnyRole(rule.meta().skipFor()))
                .filter(rule -> evaluate(policy.table(), op, rule, () -> rule.meta().activation().isActive(ctx, now)))
                .sorted(BY_PRIORITY)
                .toList();
    }

    /** Whether a rule of any kind is about the operation. */
    public static boolean appliesTo(Rule rule, RlsOperation op) {
        return switch (rule) {
            case Rule.Filter filter -> op != RlsOperation.CREATE;
            case Rule.Allow allow -> allow.operations().contains(op);
            case Rule.Deny deny -> deny.operations().contains(op);
            case Rule.Validate<?> validate -> validate.operations().contains(op);
            case Rule.Stamp<?> stamp -> op == RlsOperation.CREATE;
            case Rule.Mask<?> mask -> op == RlsOperation.READ;
            case Rule.Protect protect -> protect.operations().contains(op);
        };
    }

    /** Runs a rule's code; whatever it throws, or a null result, denies, keeping the cause. */
    private <T> T evaluate(TableReference table, RlsOperation op, Rule rule, Supplier<T> code) {
        return evaluate(table.name(), op, rule, code);
    }

    private <T> T evaluate(String table, RlsOperation op, Rule rule, Supplier<T> code) {
        T result;
        try {
            result = code.get();
        } catch (RlsAccessDeniedException e) {
            throw e;
        } catch (RuntimeException e) {
            throw denied(table, op, rule.name(), "rule '" + rule.name() + "' failed: " + e.getMessage(), e);
        }
        if (result == null) {
            throw denied(table, op, rule.name(), "rule '" + rule.name() + "' returned null", null);
        }
        return result;
    }

    private RlsAccessDeniedException noContext(TableReference table, RlsOperation op) {
        return denied(table, op, null, "no RLS context is set", null);
    }

    private RlsAccessDeniedException denied(TableReference table, RlsOperation op, String rule, String reason, Throwable cause) {
        return denied(table.name(), op, rule, reason, cause);
    }

    private RlsAccessDeniedException denied(String table, RlsOperation op, String rule, String reason, Throwable cause) {
        return new RlsAccessDeniedException(options.name(), table, op.name().toLowerCase(Locale.ROOT), rule, reason, cause);
    }
}
