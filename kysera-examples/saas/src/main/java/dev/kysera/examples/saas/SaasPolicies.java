package dev.kysera.examples.saas;

import static dev.kysera.examples.saas.schema.Tables.PROJECTS;
import static dev.kysera.examples.saas.schema.Tables.TASKS;
import static dev.kysera.examples.saas.schema.Tables.TENANTS;
import static dev.kysera.examples.saas.schema.Tables.USERS;
import static dev.kysera.rls.RlsOperation.CREATE;
import static dev.kysera.rls.RlsOperation.DELETE;
import static dev.kysera.rls.RlsOperation.READ;
import static dev.kysera.rls.RlsOperation.UPDATE;

import dev.kysera.rls.Policies;
import dev.kysera.rls.RlsContext;
import dev.kysera.rls.RlsOptions;
import dev.kysera.rls.RlsPlugin;
import dev.kysera.rls.Rule;
import dev.kysera.rls.TablePolicy;
import java.util.EnumSet;
import java.util.function.Predicate;
import org.jooq.impl.SQLDataType;

/**
 * Who may do what, as row-level security: every table is isolated by tenant, every member reads
 * the tenant's data, members create and work on tasks (their own), owners and admins manage
 * projects and users, and only an owner hands out the owner role. Enforced in SQL by kysera-rls;
 * the controllers contain no permission checks.
 */
final class SaasPolicies {

    static final String OWNER = "owner";
    static final String ADMIN = "admin";
    static final String MEMBER = "member";

    private static final Predicate<RlsContext> MANAGER = ctx -> ctx.hasRole(OWNER) || ctx.hasRole(ADMIN);

    private SaasPolicies() {
    }

    static RlsPlugin plugin() {
        return RlsPlugin.of(RlsOptions.builder()
                .policy(TablePolicy.forTable("tenants")
                        .add(Rule.filter(s -> s.equal(TENANTS.ID, s.context().tenantId())))
                        .add(Rule.allowIf(EnumSet.of(READ), ctx -> true))
                        .build())
                .policy(TablePolicy.forTable("users")
                        .add(Policies.tenantIsolation(USERS.TENANT_ID))
                        .add(Rule.allowIf(EnumSet.of(READ), ctx -> true))
                        .add(Rule.allowIf(EnumSet.of(CREATE, UPDATE, DELETE), MANAGER))
                        .add(Rule.validate(EnumSet.of(CREATE, UPDATE), "role", SQLDataType.VARCHAR,
                                (ctx, role) -> !OWNER.equals(role) || ctx.hasRole(OWNER), null).named("only_owners_make_owners"))
                        .build())
                .policy(TablePolicy.forTable("projects")
                        .add(Policies.tenantIsolation(PROJECTS.TENANT_ID))
                        .add(Rule.allowIf(EnumSet.of(READ), ctx -> true))
                        .add(Rule.allowIf(EnumSet.of(CREATE, UPDATE, DELETE), MANAGER))
                        .build())
                .policy(TablePolicy.forTable("tasks")
                        .add(Policies.tenantIsolation(TASKS.TENANT_ID))
                        .add(Rule.allowIf(EnumSet.of(READ, CREATE), ctx -> true))
                        .add(Rule.allow(UPDATE, s -> s.equal(TASKS.ASSIGNEE, s.context().userId())).named("assignee_updates"))
                        .add(Rule.allowIf(EnumSet.of(UPDATE, DELETE), MANAGER))
                        .build())
                .build());
    }
}
