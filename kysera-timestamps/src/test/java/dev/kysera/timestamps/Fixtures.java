package dev.kysera.timestamps;

import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Record;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jooq.impl.TableImpl;

/** Shared test helpers: a settable clock, expected stored values, and a small table with typed stamp columns. */
final class Fixtures {

    /** Has nanoseconds on purpose: databases keep microseconds, SQLite (through jOOQ) milliseconds. */
    static final Instant T0 = Instant.parse("2024-01-15T10:30:00.123456789Z");

    private Fixtures() {
    }

    /** A clock tests move by hand. */
    static final class TestClock extends Clock {
        private volatile Instant now;

        TestClock(Instant start) {
            this.now = start;
        }

        Instant advance(Duration by) {
            now = now.plus(by);
            return now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** What a LocalDateTime column reads back as after the plugin wrote {@code instant}. */
    static LocalDateTime stored(TestDatabase db, Instant instant) {
        ChronoUnit unit = db.engine() == Engine.SQLITE ? ChronoUnit.MILLIS : ChronoUnit.MICROS;
        return LocalDateTime.ofInstant(instant.truncatedTo(unit), ZoneOffset.UTC);
    }

    /** A table {@code name(id, name, created_at, updated_at)} whose stamp columns have the given type. */
    static final class Events<S> extends TableImpl<Record> {
        private static final long serialVersionUID = 1L;

        final TableField<Record, Integer> ID = createField(DSL.name("id"), SQLDataType.INTEGER.notNull(), this);
        final TableField<Record, String> NAME = createField(DSL.name("name"), SQLDataType.VARCHAR(50), this);
        final TableField<Record, S> CREATED_AT;
        final TableField<Record, S> UPDATED_AT;

        Events(String name, DataType<S> stampType) {
            super(DSL.name(name));
            CREATED_AT = createField(DSL.name("created_at"), stampType, this);
            UPDATED_AT = createField(DSL.name("updated_at"), stampType, this);
        }

        /** Drops and re-creates the table in {@code dsl}'s database. */
        Events<S> recreate(DSLContext dsl) {
            dsl.dropTableIfExists(this).execute();
            dsl.createTable(this).columns(fields()).constraint(DSL.primaryKey(ID)).execute();
            return this;
        }
    }
}
