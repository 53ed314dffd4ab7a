package dev.kysera.examples.saas;

import static dev.kysera.examples.saas.schema.Tables.USERS;

import dev.kysera.audit.AuditPlugin;
import dev.kysera.core.dialect.Dialects;
import dev.kysera.executor.Executor;
import dev.kysera.migrations.Migration;
import dev.kysera.rls.NativeAppRole;
import dev.kysera.rls.PostgresPolicies;
import dev.kysera.rls.RlsOptions;
import dev.kysera.rls.RlsPlugin;
import dev.kysera.spring.TenantAccess;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A multi-tenant task tracker: HTTP Basic users, each in one tenant with a role; the tenant a
 * request acts for comes from the {@code X-Tenant-Id} header and must be the user's own. What a
 * request may see and change is decided by {@link SaasPolicies} in SQL.
 */
@SpringBootApplication
public class SaasApplication {

    public static void main(String[] args) {
        SpringApplication.run(SaasApplication.class, args);
    }

    /** Migration 2, beside the SQL migration 1 of {@code kysera.migrations.locations}: the audit log the plugin writes to. */
    @Bean
    CreateAuditLog auditLog(AuditPlugin audit) {
        return new CreateAuditLog(audit.options().auditTable());
    }

    /**
     * Migration 3: on PostgreSQL, the same policies as native row-level security (defence in depth:
     * the database enforces them on every statement of a request's transaction, plain JDBC
     * included), and the role requests' transactions run as (the plugin's {@code nativeRole}),
     * granted the rule set's tables and the audit log its plugin writes in those transactions;
     * nothing on other databases. The starter runs it with the others, as the tables' owner, before
     * the executor exists.
     */
    @Bean
    Migration nativePolicies(@Value("${saas.native-rls.role:kysera_saas_app}") String appRole, AuditPlugin audit) {
        NativeAppRole role = NativeAppRole.named(appRole).withGrant(audit.options().auditTable(), "select", "insert");
        PostgresPolicies.Migration policies = PostgresPolicies.generate(SaasPolicies.options().build(), null, role);
        return Migration.of("3", "native row-level security", ctx -> {
            if (ctx.dsl().dialect().family() == SQLDialect.POSTGRES) {
                policies.up().forEach(ctx::execute);
            }
        }, ctx -> {
            if (ctx.dsl().dialect().family() == SQLDialect.POSTGRES) {
                policies.down().forEach(ctx::execute);
            }
        });
    }

    /**
     * On PostgreSQL, each transaction of a request also sets the context for the native policies and
     * runs as the role they apply to; the application itself connects as the tables' owner.
     */
    @Bean
    RlsPlugin rls(DataSource dataSource, @Value("${saas.native-rls.role:kysera_saas_app}") String appRole) {
        RlsOptions.Builder options = SaasPolicies.options();
        return RlsPlugin.of(onPostgres(dataSource) ? options.nativeContext(true).nativeRole(appRole).build() : options.build());
    }

    private static boolean onPostgres(DataSource dataSource) {
        return Dialects.fromDataSource(dataSource).family() == SQLDialect.POSTGRES;
    }

    /**
     * The one executor that is not subject to RLS: authentication, sign-up and demo data only. Its
     * transactions switch to no role, so it runs as the tables' owner, whom PostgreSQL's policies do
     * not restrict.
     */
    @Bean
    SystemAccess system(Executor executor, RlsPlugin rls) {
        return new SystemAccess(executor.bypassing(rls.claimBypassToken("authentication, sign-up and demo data")));
    }

    /** A user acts for their own tenant only; anything else in the header is refused with 403. */
    @Bean
    TenantAccess tenantAccess() {
        return (user, requested) -> user.getAuthorities().stream()
                .anyMatch(authority -> authority.getAuthority().equals(SystemAccess.TENANT_AUTHORITY + requested))
                ? Optional.of(Long.valueOf(requested)) : Optional.empty();
    }

    @Bean
    PasswordEncoder passwords() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService accounts(SystemAccess system) {
        return username -> system.executor().dsl()
                .select(USERS.USERNAME, USERS.PASSWORD_HASH, USERS.TENANT_ID, USERS.ROLE)
                .from(USERS).where(USERS.USERNAME.eq(username))
                .fetchOptional(row -> User.withUsername(row.value1()).password(row.value2())
                        .authorities(SystemAccess.TENANT_AUTHORITY + row.value3(), "ROLE_" + row.value4()).build())
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // a stateless JSON API authenticated per request: no cookies, so no CSRF token
                .csrf(csrf -> csrf.disable())
                .build();
    }
}
