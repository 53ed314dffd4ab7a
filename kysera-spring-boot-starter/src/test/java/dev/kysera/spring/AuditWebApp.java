package dev.kysera.spring;

import static dev.kysera.testsupport.schema.Tables.USERS;

import dev.kysera.executor.Executor;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A secured web application: HTTP Basic user carol, audited sign-ups (also open to anonymous requests), an N+1 endpoint. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(AuditWebApp.Signups.class)
public class AuditWebApp {

    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(User.withUsername("carol").password("{noop}carol-pw").roles("USER").build());
    }

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(a -> a.requestMatchers("/open/**").permitAll().anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                .csrf(csrf -> csrf.disable())
                .build();
    }

    /** Audited writes (audit refuses them outside a transaction). */
    @RestController
    public static class Signups {
        private final Executor executor;

        Signups(Executor executor) {
            this.executor = executor;
        }

        /** One SELECT per id, outside a transaction: an N+1 within the request. */
        @GetMapping("/open/lookups")
        public int lookups(@RequestParam int n) {
            int found = 0;
            for (long id = 1; id <= n; id++) {
                found += executor.dsl().fetchCount(USERS, USERS.ID.eq(id));
            }
            return found;
        }

        @PostMapping({"/users", "/open/users"})
        public int register(@RequestParam String email) {
            return executor.transactionResult(tx -> tx.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values(email, "web").execute());
        }
    }
}
