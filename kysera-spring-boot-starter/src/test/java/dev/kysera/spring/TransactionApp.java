package dev.kysera.spring;

import static dev.kysera.testsupport.schema.Tables.USERS;

import dev.kysera.dal.DbContext;
import dev.kysera.dal.DbQuery;
import dev.kysera.executor.Executor;
import dev.kysera.executor.Plugin;
import dev.kysera.executor.PluginRoles;
import dev.kysera.executor.TableReference;
import dev.kysera.executor.Verdict;
import dev.kysera.executor.TransactionHandle;
import dev.kysera.executor.TransactionObserver;
import dev.kysera.repository.Repository;
import dev.kysera.repository.Values;
import dev.kysera.testsupport.schema.tables.records.UsersRecord;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.Isolation;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.resilience.annotation.EnableResilientMethods;
import org.springframework.resilience.annotation.Retryable;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** A non-web application with two ordered plugins, a repository, the DAL and transactional services. */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableResilientMethods
public class TransactionApp {

    /** Registered second although declared first: @Order decides. */
    @Bean
    @Order(2)
    Recorder second() {
        return new Recorder("second");
    }

    @Bean
    @Order(1)
    Recorder first() {
        return new Recorder("first");
    }

    /** Refuses every write to tags: a plugin's refusal, for the error modes. */
    @Bean
    @Order(3)
    Plugin guard() {
        return new Plugin() {
            @Override
            public String name() {
                return "guard";
            }

            @Override
            public boolean appliesTo(TableReference table) {
                return table.is("tags");
            }

            @Override
            public void register(PluginRoles roles) {
                roles.writeRule((table, operation, image, context) -> Verdict.refuse("tags are read-only"));
            }
        };
    }

    @Bean
    Repository<UsersRecord, Long, Values, Values> users(Executor executor) {
        return Repository.builder(USERS, USERS.ID).build(executor);
    }

    @Bean
    Writes writes(Executor executor, Repository<UsersRecord, Long, Values, Values> users, DbContext dal, JdbcTemplate jdbc) {
        return new Writes(executor, users, dal, jdbc);
    }

    /** A plugin that records the transaction events it sees. */
    public static final class Recorder implements Plugin {
        private final String name;
        final List<String> events = new CopyOnWriteArrayList<>();

        Recorder(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void register(PluginRoles roles) {
            roles.transactionObserver(new TransactionObserver() {
                @Override
                public void afterBegin(TransactionHandle transaction) {
                    events.add("begin " + transaction.depth());
                }

                @Override
                public void beforeCommit(TransactionHandle transaction) {
                    events.add("before commit " + transaction.depth());
                }

                @Override
                public void afterCommit(TransactionHandle transaction) {
                    events.add("commit " + transaction.depth());
                }

                @Override
                public void afterRollback(TransactionHandle transaction, Throwable cause) {
                    events.add("rollback " + transaction.depth());
                }
            });
        }
    }

    /** Thrown where a rule says: commit anyway. */
    public static final class Expected extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Expected() {
            super("expected");
        }
    }

    static final DbQuery<String, Integer> INSERT_USER = DbQuery.of((ctx, email) -> ctx.dsl()
            .insertInto(USERS, USERS.EMAIL, USERS.NAME).values(email, "dal").execute());

    static final DbQuery<Void, Integer> COUNT_IN_TRANSACTION = DbQuery.transactional(ctx -> ctx.dsl().fetchCount(USERS));

    /** Settings of the JDBC connection a transaction runs on. */
    public record ConnectionSettings(int isolation, boolean readOnly, Optional<String> postgresIsolation) {
    }

    /** Services whose transactions Spring manages. */
    public static class Writes {
        private final Executor executor;
        private final Repository<UsersRecord, Long, Values, Values> users;
        private final DbContext dal;
        private final JdbcTemplate jdbc;
        private final AtomicInteger attempts = new AtomicInteger();

        Writes(Executor executor, Repository<UsersRecord, Long, Values, Values> users, DbContext dal, JdbcTemplate jdbc) {
            this.executor = executor;
            this.users = users;
            this.dal = dal;
            this.jdbc = jdbc;
        }

        /** Counts attempts and after-commit callbacks (a method: the test holds the transactional proxy). */
        public AtomicInteger attempts() {
            return attempts;
        }

        /** Writes through a repository, the DAL and plain DSL, then fails if asked to. */
        @Transactional
        public void writeEverywhere(String prefix, boolean fail) {
            users.create(Values.of(USERS.EMAIL, prefix + "-repo@example.com").set(USERS.NAME, "repo"));
            INSERT_USER.run(dal, prefix + "-dal@example.com");
            executor.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values(prefix + "-dsl@example.com", "dsl").execute();
            if (fail) {
                throw new IllegalStateException("boom");
            }
        }

        /** Writes, then throws an exception the rollback rules say to commit anyway. */
        @Transactional(noRollbackFor = Expected.class)
        public void writeThenExpected(String email) {
            executor.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values(email, "kept").execute();
            throw new Expected();
        }

        /** Writes, then a Kysera transaction nested as a savepoint writes and fails; the outer write stays. */
        @Transactional
        public String outerWithFailedSavepoint(String outer, String inner) {
            executor.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values(outer, "outer").execute();
            try {
                executor.transaction(tx -> {
                    tx.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values(inner, "inner").execute();
                    throw new IllegalStateException("inner fails");
                });
                return "inner committed";
            } catch (IllegalStateException e) {
                return e.getMessage();
            }
        }

        /** A Kysera transaction asking for an isolation level inside a Spring transaction. */
        @Transactional
        public void isolationInside() {
            executor.transaction(tx -> tx.dsl().fetchCount(USERS), Isolation.SERIALIZABLE);
        }

        /** What Kysera sees of the Spring transaction. */
        @Transactional
        public Optional<TransactionHandle> handleInside() {
            executor.transaction().ifPresent(handle -> handle.afterCommit(() -> attempts.addAndGet(100)));
            return executor.transaction();
        }

        /** A DAL query that must run in a transaction. */
        @Transactional
        public int transactionalQuery() {
            return COUNT_IN_TRANSACTION.run(dal);
        }

        /** Writes outer, then inner in a new transaction of its own; then fails if asked to. */
        @Transactional
        public void outerThenRequiresNew(Writes self, String outer, String inner, boolean fail) {
            executor.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values(outer, "outer").execute();
            self.requiresNew(inner);
            executor.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values(outer + ".after", "outer").execute();
            if (fail) {
                throw new IllegalStateException("outer fails");
            }
        }

        /** Writes in a transaction of its own, suspending the caller's. */
        @Transactional(propagation = Propagation.REQUIRES_NEW)
        public void requiresNew(String email) {
            executor.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME).values(email, "inner").execute();
        }

        /** Joins the caller's transaction (Kysera's or Spring's) and writes with JdbcTemplate. */
        @Transactional(propagation = Propagation.MANDATORY)
        public void jdbcWrite(String email) {
            jdbc.update("insert into users (email, name) values (?, 'jdbc')", email);
        }

        /** The connection settings Spring's own @Transactional put in force. */
        @Transactional(isolation = org.springframework.transaction.annotation.Isolation.SERIALIZABLE, readOnly = true)
        public ConnectionSettings springReadOnlySerializable(boolean postgres) {
            return executor.dsl().connectionResult(c -> settings(c, postgres));
        }

        /** Spring's read-only transaction that tries to write through Kysera's repository. */
        @Transactional(readOnly = true)
        public void readOnlyWrite(String email) {
            users.create(Values.of(USERS.EMAIL, email).set(USERS.NAME, "ro"));
        }

        /** Spring's read-only transaction that tries to write through JdbcTemplate. */
        @Transactional(readOnly = true)
        public void readOnlyJdbcWrite(String email) {
            jdbc.update("insert into users (email, name) values (?, 'ro')", email);
        }

        /** Spring's read-only transaction that reads. */
        @Transactional(readOnly = true)
        public int readOnlyCount() {
            return executor.dsl().fetchCount(USERS);
        }

        /** Runs {@code attempt} in a Kysera transaction, retried by Spring on transient errors; returns the attempts made. */
        @Retryable(includes = TransientDataAccessException.class, maxRetries = 4, delay = 10)
        public int retried(Runnable attempt) {
            attempts.incrementAndGet();
            executor.transaction(tx -> attempt.run());
            return attempts.get();
        }
    }

    static ConnectionSettings settings(Connection c, boolean postgres) throws java.sql.SQLException {
        Optional<String> pg = Optional.empty();
        if (postgres) {
            try (var statement = c.createStatement(); var rs = statement.executeQuery("show transaction_isolation")) {
                rs.next();
                pg = Optional.of(rs.getString(1));
            }
        }
        return new ConnectionSettings(c.getTransactionIsolation(), c.isReadOnly(), pg);
    }
}
