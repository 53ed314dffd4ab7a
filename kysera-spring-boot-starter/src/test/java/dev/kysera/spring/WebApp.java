package dev.kysera.spring;

import static dev.kysera.testsupport.schema.Tables.POSTS;
import static dev.kysera.testsupport.schema.Tables.USERS;

import dev.kysera.core.error.NotFoundException;
import dev.kysera.executor.Executor;
import dev.kysera.rls.Policies;
import dev.kysera.rls.RlsOptions;
import dev.kysera.rls.RlsPlugin;
import dev.kysera.rls.TablePolicy;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A web application: HTTP Basic users of two tenants, tenant-isolated posts, problem details, Actuator. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(WebApp.Posts.class)
public class WebApp {

    @Bean
    RlsPlugin rls() {
        return RlsPlugin.of(RlsOptions.builder()
                .policy(TablePolicy.forTable("posts").add(Policies.tenantIsolation(POSTS.TENANT_ID)).add(Policies.allowAll()).build())
                .harmless("users")
                .build());
    }

    /** Alice belongs to tenant 1, Bob to tenant 2; a user may name only a tenant they belong to. */
    @Bean
    TenantAccess tenantAccess() {
        return (user, requested) -> user.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("tenant:" + requested))
                ? Optional.of(Integer.valueOf(requested)) : Optional.empty();
    }

    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(
                User.withUsername("alice").password("{noop}alice-pw").authorities("tenant:1", "ROLE_USER").build(),
                User.withUsername("bob").password("{noop}bob-pw").authorities("tenant:2", "ROLE_USER").build());
    }

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(a -> a.requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                .csrf(csrf -> csrf.disable())
                .build();
    }

    /** Endpoints over the executor; the RLS context comes from the request. */
    @RestController
    public static class Posts {
        private final Executor executor;

        Posts(Executor executor) {
            this.executor = executor;
        }

        @GetMapping("/posts")
        public List<String> titles() {
            return executor.dsl().select(POSTS.TITLE).from(POSTS).orderBy(POSTS.TITLE).fetch(POSTS.TITLE);
        }

        @GetMapping("/thread")
        public String thread() {
            return Thread.currentThread().isVirtual() ? "virtual" : "platform";
        }

        @GetMapping("/posts/{id}")
        public String title(@PathVariable long id) {
            return executor.dsl().select(POSTS.TITLE).from(POSTS).where(POSTS.ID.eq(id)).fetchOptional(POSTS.TITLE)
                    .orElseThrow(() -> new NotFoundException("post", id));
        }

        @PostMapping("/posts/{id}/move")
        public int move(@PathVariable long id, @RequestParam int tenant) {
            return executor.dsl().update(POSTS).set(POSTS.TENANT_ID, tenant).where(POSTS.ID.eq(id)).execute();
        }

        @PostMapping("/users")
        public int register(@RequestParam String email) {
            return executor.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values(email, "web").execute();
        }
    }
}
