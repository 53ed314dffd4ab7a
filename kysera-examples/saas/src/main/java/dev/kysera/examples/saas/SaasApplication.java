package dev.kysera.examples.saas;

import static dev.kysera.examples.saas.schema.Tables.USERS;

import dev.kysera.audit.AuditPlugin;
import dev.kysera.executor.Executor;
import dev.kysera.migrations.MigrationConfig;
import dev.kysera.migrations.MigrationSources;
import dev.kysera.migrations.Migrator;
import dev.kysera.rls.RlsPlugin;
import dev.kysera.spring.TenantAccess;
import java.util.Optional;
import javax.sql.DataSource;
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

    /** The schema, migrated before the application serves anything. */
    @Bean
    Migrator schema(DataSource dataSource) {
        Migrator migrator = Migrator.create(MigrationConfig.builder()
                .dataSource(dataSource)
                .source(MigrationSources.classpath("dev/kysera/examples/saas/migrations"))
                .source(MigrationSources.of(new SaasAudit.CreateAuditLog()))
                .build());
        migrator.up();
        return migrator;
    }

    @Bean
    RlsPlugin rls() {
        return SaasPolicies.plugin();
    }

    /** The history of projects and tasks, written in each change's transaction. */
    @Bean
    AuditPlugin audit() {
        return SaasAudit.plugin();
    }

    /** The one executor that is not subject to RLS: authentication, sign-up and demo data only. */
    @Bean
    SystemAccess system(Executor executor, RlsPlugin rls, Migrator schema) {
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
