package dev.kysera.examples.saas;

import dev.kysera.executor.Plugin;
import dev.kysera.executor.PluginRoles;
import dev.kysera.executor.TransactionHandle;
import dev.kysera.executor.TransactionObserver;
import java.util.Objects;
import org.jooq.impl.DSL;

/**
 * On PostgreSQL, each transaction of the request executor runs as the application's database
 * role, which neither owns the tables nor is superuser: the native row-level security policies
 * then apply to every statement in it — plain JDBC on its connection included — beside the
 * plugin's. {@code SET LOCAL} ends with the transaction, so a pooled connection goes back as the
 * owner, which migrations and {@link SystemAccess} use.
 *
 * @param role the role the native policies apply to (created by the native migration)
 */
record NativeRole(String role) implements Plugin {

    static final String NAME = "native-role";

    NativeRole {
        Objects.requireNonNull(role, "role");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void register(PluginRoles roles) {
        roles.transactionObserver(new TransactionObserver() {
            @Override
            public void afterBegin(TransactionHandle transaction) {
                if (transaction.depth() == 0) {
                    transaction.dsl().execute("set local role {0}", DSL.name(role));
                }
            }
        });
    }
}
