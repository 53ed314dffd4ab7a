package dev.kysera.examples.saas;

import static dev.kysera.examples.saas.schema.Tables.PROJECTS;
import static dev.kysera.examples.saas.schema.Tables.TASKS;
import static dev.kysera.examples.saas.schema.Tables.TENANTS;
import static dev.kysera.examples.saas.schema.Tables.USERS;

import org.jooq.DSLContext;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Two tenants to try the API with, written once into an empty database (as system code: sign-up
 * is not a tenant's request). Passwords are the user names followed by {@code -pw}.
 * <ul>
 *   <li>acme: ann (owner), adam (admin), mia (member); project "Website" with two tasks</li>
 *   <li>globex: gus (owner), gina (member); project "Reactor" with one task</li>
 * </ul>
 */
@Component
@ConditionalOnProperty(name = "saas.demo-data", havingValue = "true", matchIfMissing = true)
class DemoData implements ApplicationRunner {

    private final SystemAccess system;
    private final PasswordEncoder passwords;

    DemoData(SystemAccess system, PasswordEncoder passwords) {
        this.system = system;
        this.passwords = passwords;
    }

    @Override
    public void run(ApplicationArguments args) {
        system.executor().transaction(tx -> {
            DSLContext dsl = tx.dsl();
            if (dsl.fetchCount(TENANTS) > 0) {
                return;
            }
            long acme = tenant(dsl, "acme");
            long globex = tenant(dsl, "globex");
            user(dsl, acme, "ann", SaasPolicies.OWNER);
            user(dsl, acme, "adam", SaasPolicies.ADMIN);
            user(dsl, acme, "mia", SaasPolicies.MEMBER);
            user(dsl, globex, "gus", SaasPolicies.OWNER);
            user(dsl, globex, "gina", SaasPolicies.MEMBER);
            long website = project(dsl, acme, "Website");
            long reactor = project(dsl, globex, "Reactor");
            dsl.insertInto(TASKS, TASKS.TENANT_ID, TASKS.PROJECT_ID, TASKS.TITLE, TASKS.ASSIGNEE)
                    .values(acme, website, "Write the landing page", "mia")
                    .values(acme, website, "Choose a logo", "adam")
                    .values(globex, reactor, "Cool the core", "gina")
                    .execute();
        });
    }

    private static long tenant(DSLContext dsl, String name) {
        return dsl.insertInto(TENANTS, TENANTS.NAME).values(name).returning(TENANTS.ID).fetchSingle(TENANTS.ID);
    }

    private static long project(DSLContext dsl, long tenant, String name) {
        return dsl.insertInto(PROJECTS, PROJECTS.TENANT_ID, PROJECTS.NAME).values(tenant, name).returning(PROJECTS.ID).fetchSingle(PROJECTS.ID);
    }

    private void user(DSLContext dsl, long tenant, String username, String role) {
        dsl.insertInto(USERS, USERS.TENANT_ID, USERS.USERNAME, USERS.PASSWORD_HASH, USERS.ROLE)
                .values(tenant, username, passwords.encode(username + "-pw"), role).execute();
    }
}
