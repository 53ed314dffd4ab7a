package dev.kysera.timestamps;

import dev.kysera.core.temporal.TimestampStorage;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static dev.kysera.timestamps.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.executor.Executor;
import dev.kysera.repository.Repository;
import dev.kysera.repository.Values;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import dev.kysera.timestamps.Fixtures.Events;
import dev.kysera.timestamps.Fixtures.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.jooq.Converter;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** The Java type and precision written per column type and database. */
class TimestampStorageTest {

    @MatrixTest
    void local_date_time_columns_keep_microseconds_except_sqlite_text_which_keeps_milliseconds(TestDatabase db) {
        db.useTestSchema();
        DSLContext dsl = Executor.of(db.dsl(), TimestampsOptions.builder().clock(new TestClock(T0)).plugin()).dsl();
        dsl.insertInto(USERS).set(USERS.EMAIL, "p@example.com").set(USERS.NAME, "p").execute();

        String text = db.dsl().select(USERS.CREATED_AT.cast(SQLDataType.VARCHAR(40))).from(USERS).fetchSingle().value1();
        switch (db.engine()) {
            case SQLITE -> assertThat(text).isEqualTo("2024-01-15 10:30:00.123");
            case MARIADB, H2, POSTGRES -> assertThat(text).isEqualTo("2024-01-15 10:30:00.123456");
        }
        // Exact equality with the written instant at that precision, as a finder bound would compare it.
        assertThat(db.dsl().fetchCount(USERS, USERS.CREATED_AT.eq(Fixtures.stored(db, T0)))).isEqualTo(1);
    }

    @MatrixTest
    void bigint_columns_get_epoch_millis_and_the_finders_compare_in_millis(TestDatabase db) {
        TestClock clock = new TestClock(T0);
        TimestampsPlugin timestamps = TimestampsOptions.builder().clock(clock).plugin();
        Events<Long> events = new Events<>("epoch_events", SQLDataType.BIGINT).recreate(db.dsl());
        Executor executor = Executor.of(db.dsl(), timestamps);

        executor.dsl().insertInto(events, events.ID, events.NAME).values(1, "first").execute();
        Record row = db.dsl().selectFrom(events).where(events.ID.eq(1)).fetchSingle();
        assertThat(row.get(events.CREATED_AT)).isEqualTo(T0.toEpochMilli());
        assertThat(row.get(events.UPDATED_AT)).isEqualTo(T0.toEpochMilli());

        Instant t1 = clock.advance(Duration.ofSeconds(5));
        var repository = Repository.builder(events, events.ID).build(executor);
        repository.create(Values.of(events.ID, 2).set(events.NAME, "second"));
        RepositoryTimestamps<Record, Integer, Values, Values> stamps = repository.extension(timestamps.repositoryKey());
        assertThat(stamps.findCreatedAfter(T0)).extracting(r -> r.get(events.NAME)).containsExactly("second");
        assertThat(stamps.findCreatedBetween(T0, t1)).extracting(r -> r.get(events.NAME)).containsExactly("first", "second");
        assertThat(stamps.findRecentlyCreated(1)).extracting(r -> r.get(events.CREATED_AT)).containsExactly(t1.toEpochMilli());

        Instant t2 = clock.advance(Duration.ofSeconds(5));
        executor.dsl().update(events).set(events.NAME, "renamed").where(events.ID.eq(1)).execute();
        assertThat(db.dsl().fetchValue(events.UPDATED_AT, events.ID.eq(1))).isEqualTo(t2.toEpochMilli());
        assertThat(db.dsl().fetchValue(events.CREATED_AT, events.ID.eq(1))).isEqualTo(T0.toEpochMilli());
    }

    @MatrixTest
    void int_columns_are_refused_under_auto_and_take_epoch_seconds_when_configured(TestDatabase db) {
        Events<Integer> events = new Events<>("int_events", SQLDataType.INTEGER).recreate(db.dsl());
        DSLContext auto = Executor.of(db.dsl(), TimestampsOptions.builder().clock(new TestClock(T0)).plugin()).dsl();
        assertThatThrownBy(() -> auto.insertInto(events, events.ID, events.NAME).values(1, "x").execute())
                .hasStackTraceContaining("EPOCH_SECONDS");
        assertThat(db.dsl().fetchCount(events)).isZero();

        DSLContext seconds = Executor.of(db.dsl(), TimestampsOptions.builder().clock(new TestClock(T0))
                .storage(TimestampStorage.EPOCH_SECONDS).plugin()).dsl();
        seconds.insertInto(events, events.ID, events.NAME).values(1, "x").execute();
        assertThat(db.dsl().fetchValue(events.CREATED_AT, events.ID.eq(1))).isEqualTo((int) T0.getEpochSecond());
    }

    @MatrixTest(only = {Engine.POSTGRES, Engine.H2})
    void timestamp_with_time_zone_columns_get_offset_date_time_or_instant(TestDatabase db) {
        TestClock clock = new TestClock(T0);
        Events<OffsetDateTime> events = new Events<>("zoned_events", SQLDataType.TIMESTAMPWITHTIMEZONE(6)).recreate(db.dsl());
        TimestampsPlugin timestamps = TimestampsOptions.builder().clock(clock).plugin();
        Executor executor = Executor.of(db.dsl(), timestamps);
        executor.transaction(tx -> {
            if (db.engine() == Engine.POSTGRES) {
                // A session zone far from UTC must not shift the stored instant.
                tx.dsl().execute("set local time zone 'Asia/Kolkata'");
            }
            tx.dsl().insertInto(events, events.ID, events.NAME).values(1, "odt").execute();
            OffsetDateTime created = tx.dsl().fetchValue(events.CREATED_AT, events.ID.eq(1));
            assertThat(created.toInstant()).isEqualTo(T0.truncatedTo(ChronoUnit.MICROS));
        });

        // The same table seen through Instant-typed fields gets Instants.
        var instantTable = new Events<>("zoned_events", SQLDataType.INSTANT);
        Instant t1 = clock.advance(Duration.ofMillis(1500));
        executor.dsl().insertInto(instantTable, instantTable.ID, instantTable.NAME).values(2, "instant").execute();
        assertThat(db.dsl().fetchValue(instantTable.UPDATED_AT, instantTable.ID.eq(2))).isEqualTo(t1.truncatedTo(ChronoUnit.MICROS));

        var stamps = Repository.builder(events, events.ID).build(executor).extension(timestamps.repositoryKey());
        assertThat(stamps.findCreatedBetween(T0, t1)).extracting(r -> r.get(events.NAME)).containsExactly("odt", "instant");
        assertThat(stamps.findCreatedAfter(T0)).extracting(r -> r.get(events.NAME)).containsExactly("instant");
    }

    @MatrixTest(only = Engine.SQLITE)
    void sqlite_text_columns_mapped_to_string_get_fixed_width_iso_8601(TestDatabase db) {
        TestClock clock = new TestClock(T0);
        Events<String> events = new Events<>("text_events", SQLDataType.CLOB).recreate(db.dsl());
        TimestampsPlugin timestamps = TimestampsOptions.builder().clock(clock).plugin();
        Executor executor = Executor.of(db.dsl(), timestamps);

        executor.dsl().insertInto(events, events.ID, events.NAME).values(1, "a").execute();
        assertThat(db.dsl().fetchValue(events.CREATED_AT, events.ID.eq(1))).isEqualTo("2024-01-15T10:30:00.123456Z");
        clock.set(Instant.parse("2024-01-15T10:30:01Z"));
        executor.dsl().insertInto(events, events.ID, events.NAME).values(2, "b").execute();
        assertThat(db.dsl().fetchValue(events.CREATED_AT, events.ID.eq(2))).isEqualTo("2024-01-15T10:30:01.000000Z");

        // Fixed width keeps text order equal to time order, so the finders work on text.
        var stamps = Repository.builder(events, events.ID).build(executor).extension(timestamps.repositoryKey());
        assertThat(stamps.findCreatedAfter(T0)).extracting(r -> r.get(events.NAME)).containsExactly("b");
        assertThat(stamps.findRecentlyCreated(2)).extracting(r -> r.get(events.NAME)).containsExactly("b", "a");
        // SQLite's own date functions read it.
        assertThat(db.dsl().fetchValue("select strftime('%s', created_at) from text_events where id = 2"))
                .hasToString(String.valueOf(Instant.parse("2024-01-15T10:30:01Z").getEpochSecond()));
    }

    @MatrixTest
    void a_converted_column_gets_its_user_type_through_the_converter(TestDatabase db) {
        Converter<LocalDateTime, Instant> utc = Converter.ofNullable(LocalDateTime.class, Instant.class,
                local -> local.toInstant(ZoneOffset.UTC), instant -> LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
        Events<Instant> events = new Events<>("converted_events", SQLDataType.LOCALDATETIME(6).asConvertedDataType(utc))
                .recreate(db.dsl());
        DSLContext dsl = Executor.of(db.dsl(), TimestampsOptions.builder().clock(new TestClock(T0)).plugin()).dsl();
        dsl.insertInto(events, events.ID, events.NAME).values(1, "c").execute();
        Instant expected = T0.truncatedTo(db.engine() == Engine.SQLITE ? ChronoUnit.MILLIS : ChronoUnit.MICROS);
        assertThat(db.dsl().fetchValue(events.CREATED_AT, events.ID.eq(1))).isEqualTo(expected);
    }

    @MatrixTest
    void an_explicit_storage_applies_to_tables_without_metadata(TestDatabase db) {
        Events<Long> events = new Events<>("untyped_events", SQLDataType.BIGINT).recreate(db.dsl());
        DSLContext dsl = Executor.of(db.dsl(), TimestampsOptions.builder().clock(new TestClock(T0))
                .tables("untyped_events").storage(TimestampStorage.EPOCH_MILLIS).plugin()).dsl();
        dsl.insertInto(DSL.table(DSL.name("untyped_events")))
                .columns(DSL.field(DSL.name("id")), DSL.field(DSL.name("name")))
                .values(1, "u")
                .execute();
        assertThat(db.dsl().fetchValue(events.CREATED_AT, events.ID.eq(1))).isEqualTo(T0.toEpochMilli());
        assertThat(db.dsl().fetchValue(events.UPDATED_AT, events.ID.eq(1))).isEqualTo(T0.toEpochMilli());
    }
}
