package dev.kysera.rls.internal;

import dev.kysera.executor.TransactionHandle;
import dev.kysera.executor.TransactionObserver;
import dev.kysera.rls.PostgresPolicies;
import dev.kysera.rls.RlsContext;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Sets the context as transaction-local PostgreSQL settings when a transaction begins, on the
 * transaction's own connection, so native policies see the same user, tenant and roles as the
 * plugin, and switches the transaction to the native role if there is one. No context sets empty
 * values, which native policies deny. Not API.
 */
public final class NativeContext implements TransactionObserver {

    private final PolicyEngine engine;
    private final String role;

    /**
     * @param engine where the context is found
     * @param role   the role transactions switch to, or {@code null} to stay the login role
     */
    public NativeContext(PolicyEngine engine, String role) {
        this.engine = engine;
        this.role = role;
    }

    @Override
    public void afterBegin(TransactionHandle transaction) {
        if (transaction.depth() != 0) {
            return; // savepoints share the transaction's settings
        }
        if (transaction.context().dialect().family() != SQLDialect.POSTGRES) {
            throw new IllegalStateException("RLS nativeContext(true) needs PostgreSQL; this executor runs "
                    + transaction.context().dialect());
        }
        Optional<RlsContext> context = engine.context(transaction.context());
        String user = context.flatMap(RlsContext::findUserId).map(String::valueOf).orElse("");
        String tenant = context.flatMap(RlsContext::findTenantId).map(String::valueOf).orElse("");
        String roles = context.map(c -> c.roles().stream().map(NativeContext::role).sorted().collect(Collectors.joining(","))).orElse("");
        transaction.dsl().select(
                setting(PostgresPolicies.USER_SETTING, user),
                setting(PostgresPolicies.TENANT_SETTING, tenant),
                setting(PostgresPolicies.ROLES_SETTING, roles)).fetch();
        if (role != null) {
            // LOCAL: the switch ends with the transaction, so the pooled connection goes back as its login role
            transaction.dsl().execute("set local role {0}", DSL.name(role));
        }
    }

    private static org.jooq.Field<String> setting(String name, String value) {
        return DSL.function("set_config", String.class, DSL.inline(name), DSL.val(value), DSL.inline(true));
    }

    private static String role(String role) {
        if (role.contains(",")) {
            throw new IllegalArgumentException("A role passed to native policies cannot contain ',': '" + role + "'");
        }
        return role;
    }
}
