package dev.kysera.spring.readme;

import static dev.kysera.testsupport.schema.Tables.USERS;

import dev.kysera.executor.Executor;
import dev.kysera.repository.Repository;
import dev.kysera.repository.Values;
import dev.kysera.testsupport.schema.tables.records.UsersRecord;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The README's minimal application, compiled and run by {@code ReadmeTest}. */
@SpringBootApplication
public class ReadmeApplication {

    @Bean
    Repository<UsersRecord, Long, Values, Values> users(Executor executor) {
        return Repository.builder(USERS, USERS.ID).build(executor);
    }

    @Service
    public static class SignUps {
        private final Repository<UsersRecord, Long, Values, Values> users;
        private final Executor executor;

        SignUps(Repository<UsersRecord, Long, Values, Values> users, Executor executor) {
            this.users = users;
            this.executor = executor;
        }

        @Transactional
        public long signUp(String email, String name) {
            UsersRecord user = users.create(Values.of(USERS.EMAIL, email).set(USERS.NAME, name));
            executor.transaction(tx -> tx.dsl().update(USERS).set(USERS.STATUS, "suspended")
                    .where(USERS.ID.eq(user.getId())).execute());
            return user.getId();
        }
    }
}
