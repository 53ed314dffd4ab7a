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
import dev.kysera.rls.RlsOptions;
import dev.kysera.rls.Rule;
import dev.kysera.rls.TablePolicy;
import java.util.EnumSet;
import org.jooq.impl.DSL;
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

    private SaasPolicies() {
    }

    /**
     * The rules, written with {@code s.tenant(type)}, {@code s.user(type)} and {@code s.hasRole(role)}
     * so that PostgreSQL can enforce the same rules natively ({@code PostgresPolicies.generate}).
     */
    static RlsOptions.Builder options() {
        Rule managers = Rule.allow(EnumSet.of(CREATE, UPDATE, DELETE), s -> s.hasRole(OWNER).or(s.hasRole(ADMIN))).named("managers_write");
        return RlsOptions.builder()
                .policy(TablePolicy.forTable("tenants")
                        .add(Rule.filter(s -> s.column(TENANTS.ID).eq(s.tenant(TENANTS.ID.getDataType()))).named("own_tenant"))
                        .add(readable())
                        .build())
                .policy(TablePolicy.forTable("users")
                        .add(Policies.tenantIsolation(USERS.TENANT_ID))
                        .add(readable())
                        .add(managers)
                        .add(Rule.validate(EnumSet.of(CREATE, UPDATE), "role", SQLDataType.VARCHAR,
                                (ctx, role) -> !OWNER.equals(role) || ctx.hasRole(OWNER),
                                (s, role) -> role.ne(OWNER).or(s.hasRole(OWNER))).named("only_owners_make_owners"))
                        .build())
                .policy(TablePolicy.forTable("projects")
                        .add(Policies.tenantIsolation(PROJECTS.TENANT_ID))
                        .add(readable())
                        .add(managers)
                        .build())
                .policy(TablePolicy.forTable("tasks")
                        .add(Policies.tenantIsolation(TASKS.TENANT_ID))
                        .add(Rule.allow(EnumSet.of(READ, CREATE), s -> DSL.trueCondition()).named("members_read_and_create"))
                        .add(Rule.allow(UPDATE, s -> s.column(TASKS.ASSIGNEE).eq(s.user(TASKS.ASSIGNEE.getDataType()))).named("assignee_updates"))
                        .add(Rule.allow(EnumSet.of(UPDATE, DELETE), s -> s.hasRole(OWNER).or(s.hasRole(ADMIN))).named("managers_change"))
                        .build());
    }

    private static Rule readable() {
        return Rule.allow(READ, s -> DSL.trueCondition()).named("members_read");
    }
}
