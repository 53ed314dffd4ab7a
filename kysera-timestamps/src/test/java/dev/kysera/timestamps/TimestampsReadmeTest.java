package dev.kysera.timestamps;

import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.executor.Executor;
import dev.kysera.repository.Repository;
import dev.kysera.repository.Values;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** The README example, as written there (with the system clock), plus parsed plain SQL. */
class TimestampsReadmeTest {

    record User(long id, String name, LocalDateTime createdAt, LocalDateTime updatedAt) {
    }

    record NewUser(String email, String name) {
    }

    @MatrixTest
    void readme_example(TestDatabase db) {
        db.useTestSchema();
        LocalDateTime before = LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC).minusSeconds(1);

        TimestampsPlugin timestamps = TimestampsPlugin.create();
        try (Executor executor = Executor.builder().dsl(db.dsl()).plugin(timestamps).build()) {
            executor.dsl().insertInto(USERS).set(USERS.EMAIL, "ann@example.com").set(USERS.NAME, "Ann").execute();
            executor.dsl().update(USERS).set(USERS.STATUS, "suspended").where(USERS.NAME.like("A%")).execute();

            Repository<User, Long, NewUser, Values> users = Repository.builder(USERS, USERS.ID)
                    .mapper(r -> new User(r.get(USERS.ID), r.get(USERS.NAME), r.get(USERS.CREATED_AT), r.get(USERS.UPDATED_AT)))
                    .create((NewUser u) -> Values.of(USERS.EMAIL, u.email()).set(USERS.NAME, u.name()), u -> List.of())
                    .build(executor);
            User bob = users.create(new NewUser("bob@example.com", "Bob"));
            assertThat(bob.createdAt()).isAfter(before).isEqualTo(bob.updatedAt());

            RepositoryTimestamps<User, Long, NewUser, Values> stamps = users.extension(timestamps.repositoryKey());
            assertThat(stamps.touch(bob.id())).isTrue();
            List<User> lastHour = stamps.findCreatedAfter(Instant.now().minus(Duration.ofHours(1)));
            List<User> newest = stamps.findRecentlyCreated(10);
            User imported = stamps.createWithoutTimestamps(new NewUser("old@example.com", "Imported"));

            assertThat(lastHour).extracting(User::name).containsExactlyInAnyOrder("Ann", "Bob");
            assertThat(newest).extracting(User::name).containsExactlyInAnyOrder("Ann", "Bob");
            assertThat(imported.createdAt()).isNull();
            assertThat(imported.updatedAt()).isNull();
            User ann = users.findOne(USERS.NAME.eq("Ann")).orElseThrow();
            assertThat(ann.createdAt()).isAfter(before);
            assertThat(ann.updatedAt()).isAfterOrEqualTo(ann.createdAt());
        }
    }

    @MatrixTest
    void parsed_plain_sql_is_stamped_when_the_table_is_listed(TestDatabase db) {
        db.useTestSchema();
        Fixtures.TestClock clock = new Fixtures.TestClock(Fixtures.T0);
        Executor listed = Executor.of(db.dsl(), TimestampsOptions.builder().clock(clock).tables("users").plugin());
        listed.dsl().execute("insert into users (email, name) values (?, ?)", "sql@example.com", "sql");
        assertThat(db.dsl().fetchValue(USERS.CREATED_AT, USERS.NAME.eq("sql"))).isEqualTo(Fixtures.stored(db, Fixtures.T0));

        Instant t1 = clock.advance(Duration.ofSeconds(1));
        listed.dsl().execute("update users set name = ? where name = ?", "sql2", "sql");
        assertThat(db.dsl().fetchValue(USERS.UPDATED_AT, USERS.NAME.eq("sql2"))).isEqualTo(Fixtures.stored(db, t1));

        // Without the listing, the parsed table has no metadata, so it is not stamped.
        Executor unlisted = Executor.of(db.dsl(), TimestampsOptions.builder().clock(clock).plugin());
        unlisted.dsl().execute("insert into users (email, name) values (?, ?)", "raw@example.com", "raw");
        assertThat(db.dsl().fetchValue(USERS.CREATED_AT, USERS.NAME.eq("raw"))).isNull();
    }
}
