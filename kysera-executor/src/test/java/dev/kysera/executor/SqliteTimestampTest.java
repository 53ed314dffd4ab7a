package dev.kysera.executor;

import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.conf.StatementType;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * SQLite has no timestamp type: timestamps written through the executor are stored as fixed-width
 * text ({@code yyyy-MM-dd HH:mm:ss.SSS}) that jOOQ, raw JDBC, SQLite's own functions and text
 * ordering all read as the same instant.
 */
class SqliteTimestampTest {

    private static final LocalDateTime AT_11_740 = LocalDateTime.of(2024, 5, 6, 10, 0, 11, 740_000_000);

    private static List<String> column(TestDatabase db, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static Timestamp jdbcTimestamp(TestDatabase db) throws SQLException {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select created_at from users")) {
            assertThat(rows.next()).isTrue();
            return rows.getTimestamp(1);
        }
    }

    private static void insert(DSLContext dsl, String email, LocalDateTime createdAt) {
        dsl.insertInto(USERS, USERS.EMAIL, USERS.NAME, USERS.CREATED_AT).values(email, email, createdAt).execute();
    }

    @MatrixTest(only = Engine.SQLITE)
    void plain_jooq_writes_text_that_sqlite_jdbc_misreads(TestDatabase db) throws SQLException {
        db.useTestSchema();
        insert(db.dsl(), "a@x", AT_11_740);
        assertThat(column(db, "select created_at from users")).containsExactly("2024-05-06 10:00:11.74");
        // This is why the executor re-binds: sqlite-jdbc reads ".74" as 74 ms.
        assertThat(jdbcTimestamp(db)).isEqualTo(Timestamp.valueOf("2024-05-06 10:00:11.074"));
    }

    @MatrixTest(only = Engine.SQLITE)
    void a_timestamp_written_through_the_executor_reads_back_the_same_everywhere(TestDatabase db) throws SQLException {
        db.useTestSchema();
        DSLContext dsl = Executor.of(db.dsl()).dsl();
        insert(dsl, "a@x", AT_11_740);
        assertThat(column(db, "select created_at from users")).containsExactly("2024-05-06 10:00:11.740");
        assertThat(dsl.select(USERS.CREATED_AT).from(USERS).fetchOne(USERS.CREATED_AT)).isEqualTo(AT_11_740);
        assertThat(jdbcTimestamp(db)).isEqualTo(Timestamp.valueOf(AT_11_740));
        assertThat(column(db, "select strftime('%Y-%m-%d %H:%M:%f', created_at) from users")).containsExactly("2024-05-06 10:00:11.740");
        assertThat(column(db, "select (julianday(created_at) - julianday('2024-05-06 10:00:11')) * 86400000.0 from users"))
                .singleElement().satisfies(ms -> assertThat(Double.parseDouble(ms)).isBetween(739.5, 740.5));
    }

    @MatrixTest(only = Engine.SQLITE)
    void updates_and_plugins_write_the_same_form_and_sub_millisecond_digits_are_truncated(TestDatabase db) throws SQLException {
        db.useTestSchema();
        Plugin observing = ReturningTest.observing(new java.util.concurrent.CopyOnWriteArrayList<>());
        DSLContext dsl = Executor.of(db.dsl(), observing).dsl();
        insert(dsl, "a@x", AT_11_740);
        dsl.update(USERS).set(USERS.UPDATED_AT, LocalDateTime.of(2024, 5, 6, 10, 0, 0, 123_456_789)).execute();
        assertThat(column(db, "select updated_at from users")).containsExactly("2024-05-06 10:00:00.123");
        assertThat(column(db, "select created_at from users")).containsExactly("2024-05-06 10:00:11.740");
    }

    @MatrixTest(only = Engine.SQLITE)
    void text_order_and_keyset_seeks_over_timestamps_follow_time(TestDatabase db) {
        db.useTestSchema();
        DSLContext dsl = Executor.of(db.dsl()).dsl();
        // Trimmed, 11.7 would sort after 11.09 but 11.5 before 11.09 would not: fixed width keeps text order = time order.
        insert(dsl, "c@x", AT_11_740.withNano(700_000_000));
        insert(dsl, "a@x", AT_11_740.withNano(90_000_000));
        insert(dsl, "d@x", AT_11_740);
        insert(dsl, "b@x", AT_11_740.withNano(500_000_000));
        insert(dsl, "e@x", AT_11_740.withSecond(12).withNano(0));
        assertThat(dsl.select(USERS.EMAIL).from(USERS).orderBy(USERS.CREATED_AT).fetch(USERS.EMAIL))
                .containsExactly("a@x", "b@x", "c@x", "d@x", "e@x");
        List<String> afterB = dsl.select(USERS.EMAIL).from(USERS).orderBy(USERS.CREATED_AT, USERS.ID)
                .seek(AT_11_740.withNano(500_000_000), Long.MAX_VALUE).limit(2).fetch(USERS.EMAIL);
        assertThat(afterB).containsExactly("c@x", "d@x");
        List<String> afterC = dsl.select(USERS.EMAIL).from(USERS).orderBy(USERS.CREATED_AT, USERS.ID)
                .seek(AT_11_740.withNano(700_000_000), Long.MAX_VALUE).fetch(USERS.EMAIL);
        assertThat(afterC).containsExactly("d@x", "e@x");
    }

    /** Stamps updated_at on every INSERT, as the timestamps plugin would; in a bind batch the executor inlines it. */
    private static Plugin stampingUpdatedAt(LocalDateTime at) {
        return new Plugin() {
            @Override
            public String name() {
                return "stamping";
            }

            @Override
            public void register(PluginRoles roles) {
                roles.writeValues((table, operation, context) -> operation == Operation.INSERT
                        ? List.of(Assignment.of("updated_at", at)) : List.of());
            }
        };
    }

    @MatrixTest(only = Engine.SQLITE)
    void every_row_of_a_bind_batch_and_plugin_values_in_it_are_written_fixed_width(TestDatabase db) throws SQLException {
        db.useTestSchema();
        DSLContext dsl = Executor.of(db.dsl(), stampingUpdatedAt(AT_11_740.withNano(500_000_000))).dsl();
        dsl.batch(dsl.insertInto(USERS, USERS.EMAIL, USERS.NAME, USERS.CREATED_AT).values((String) null, null, null))
                .bind("a@x", "a", AT_11_740)
                .bind("b@x", "b", AT_11_740.withNano(0))
                .bind("c@x", "c", AT_11_740.withNano(90_000_000))
                .execute();
        assertThat(column(db, "select created_at || ' ' || updated_at from users order by email")).containsExactly(
                "2024-05-06 10:00:11.740 2024-05-06 10:00:11.500",
                "2024-05-06 10:00:11.000 2024-05-06 10:00:11.500",
                "2024-05-06 10:00:11.090 2024-05-06 10:00:11.500");
    }

    @MatrixTest(only = Engine.SQLITE)
    void inline_timestamps_are_written_fixed_width(TestDatabase db) throws SQLException {
        db.useTestSchema();
        DSLContext dsl = Executor.of(db.dsl()).dsl();
        dsl.insertInto(USERS, USERS.EMAIL, USERS.NAME, USERS.CREATED_AT)
                .values(DSL.inline("a@x"), DSL.inline("a"), DSL.inline(AT_11_740.withNano(500_000_000))).execute();
        dsl.update(USERS).set(USERS.UPDATED_AT, DSL.inline(AT_11_740.withNano(0))).execute();
        assertThat(column(db, "select created_at || ' ' || updated_at from users")).containsExactly(
                "2024-05-06 10:00:11.500 2024-05-06 10:00:11.000");
        assertThat(dsl.selectCount().from(USERS).where(USERS.CREATED_AT.eq(DSL.inline(AT_11_740.withNano(500_000_000)))).fetchOne(0, int.class))
                .isEqualTo(1);
    }

    @MatrixTest(only = Engine.SQLITE)
    void values_with_an_offset_and_instants_are_written_fixed_width_and_read_back(TestDatabase db) throws SQLException {
        db.useTestSchema();
        db.dsl().execute("create table moments (id integer primary key, at_offset text, at_instant text)");
        DSLContext dsl = Executor.of(db.dsl()).dsl();
        Field<Integer> id = DSL.field(DSL.name("id"), SQLDataType.INTEGER);
        Field<OffsetDateTime> atOffset = DSL.field(DSL.name("at_offset"), SQLDataType.OFFSETDATETIME);
        Field<Instant> atInstant = DSL.field(DSL.name("at_instant"), SQLDataType.INSTANT);
        OffsetDateTime offset = OffsetDateTime.of(AT_11_740, ZoneOffset.ofHours(2));
        Instant instant = AT_11_740.withNano(500_000_000).toInstant(ZoneOffset.UTC);
        dsl.insertInto(DSL.table(DSL.name("moments")), id, atOffset, atInstant).values(1, offset, instant).execute();
        dsl.insertInto(DSL.table(DSL.name("moments")), id, atOffset, atInstant)
                .values(DSL.inline(2), DSL.inline(offset.withNano(0)), DSL.inline(instant.plusMillis(500))).execute();
        assertThat(column(db, "select at_offset || ' ' || at_instant from moments order by id")).containsExactly(
                "2024-05-06 10:00:11.740+02:00 2024-05-06 10:00:11.500+00:00",
                "2024-05-06 10:00:11.000+02:00 2024-05-06 10:00:12.000+00:00");
        assertThat(dsl.select(atOffset, atInstant).from(DSL.table(DSL.name("moments"))).where(id.eq(1)).fetchOne())
                .satisfies(row -> {
                    assertThat(row.value1()).isEqualTo(offset);
                    assertThat(row.value2()).isEqualTo(instant);
                });
        assertThat(column(db, "select strftime('%Y-%m-%d %H:%M:%f', at_offset) from moments where id = 1"))
                .containsExactly("2024-05-06 08:00:11.740");
    }

    @MatrixTest(only = Engine.SQLITE)
    void text_that_only_looks_like_a_timestamp_is_stored_as_given(TestDatabase db) throws SQLException {
        db.useTestSchema();
        DSLContext dsl = Executor.of(db.dsl()).dsl();
        dsl.insertInto(USERS, USERS.EMAIL, USERS.NAME).values("a@x", "2024-05-06 10:00:11.74").execute();
        assertThat(column(db, "select name from users")).containsExactly("2024-05-06 10:00:11.74");
    }

    @MatrixTest(only = Engine.SQLITE)
    void inlined_statements_batches_of_statements_and_inline_text_keep_their_forms_without_plugins(TestDatabase db) throws SQLException {
        db.useTestSchema();
        Executor executor = Executor.of(db.dsl());
        // every value inlined by the settings
        executor.withSettings(settings -> settings.withStatementType(StatementType.STATIC_STATEMENT)).dsl()
                .insertInto(USERS, USERS.EMAIL, USERS.NAME, USERS.CREATED_AT).values("a@x", "a", AT_11_740).execute();
        DSLContext dsl = executor.dsl();
        // a batch of distinct statements is sent inlined
        dsl.batch(dsl.insertInto(USERS, USERS.EMAIL, USERS.NAME, USERS.CREATED_AT).values("b@x", "b", AT_11_740.withNano(0)),
                dsl.insertInto(USERS, USERS.EMAIL, USERS.NAME, USERS.CREATED_AT)
                        .values("c@x", "2024-05-06 10:00:11.74", AT_11_740.withNano(90_000_000))).execute();
        // inline text that looks like a timestamp, beside an inline timestamp
        dsl.insertInto(USERS, USERS.EMAIL, USERS.NAME, USERS.CREATED_AT)
                .values(DSL.inline("d@x"), DSL.inline("2024-05-06 10:00:11.5"), DSL.inline(AT_11_740.withNano(500_000_000))).execute();
        assertThat(column(db, "select email || ' ' || name || ' ' || created_at from users order by email")).containsExactly(
                "a@x a 2024-05-06 10:00:11.740",
                "b@x b 2024-05-06 10:00:11.000",
                "c@x 2024-05-06 10:00:11.74 2024-05-06 10:00:11.090",
                "d@x 2024-05-06 10:00:11.5 2024-05-06 10:00:11.500");
    }

    @MatrixTest(only = Engine.SQLITE)
    void a_statement_with_more_values_than_sqlite_binds_is_inlined_fixed_width(TestDatabase db) throws SQLException {
        db.useTestSchema();
        DSLContext dsl = Executor.of(db.dsl()).dsl();
        var insert = dsl.insertInto(USERS, USERS.EMAIL, USERS.NAME, USERS.CREATED_AT).values("u0@x", "u0", AT_11_740);
        for (int i = 1; i < 400; i++) { // 1,200 values: more than jOOQ binds on SQLite, so it inlines them all
            insert = insert.values("u" + i + "@x", "u" + i, AT_11_740.plusSeconds(i));
        }
        assertThat(insert.execute()).isEqualTo(400);
        assertThat(column(db, "select count(*) from users where length(created_at) = 23")).containsExactly("400");
        assertThat(column(db, "select created_at from users where email in ('u0@x', 'u399@x') order by id"))
                .containsExactly("2024-05-06 10:00:11.740", "2024-05-06 10:06:50.740");
    }
}
