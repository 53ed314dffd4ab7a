package dev.kysera.migrations;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.kysera.core.dialect.SchemaTools;
import dev.kysera.testsupport.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.Record;
import org.jooq.impl.SQLDataType;

/**
 * One test's own names on a class's shared isolated database: every table (history included) is
 * prefixed, so tests of a class never see each other's migrations.
 */
final class Fixture {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    final TestDatabase db;
    final String prefix;
    final String history;
    final String users;

    Fixture(TestDatabase db) {
        this.db = db;
        this.prefix = "m" + COUNTER.incrementAndGet();
        this.history = prefix + "_history";
        this.users = prefix + "_users";
    }

    MigrationConfig.Builder config(Migration... migrations) {
        return MigrationConfig.builder()
                .dataSource(db.dataSource())
                .dialect(db.dialect())
                .historyTable(history)
                .installedBy("tester")
                .lockTimeout(Duration.ofSeconds(20))
                .migrations(migrations);
    }

    Migrator migrator(Migration... migrations) {
        return Migrator.create(config(migrations).build());
    }

    /** v1: create the users table (jOOQ DDL). */
    Migration createUsers() {
        return Migration.of("1", "create users",
                ctx -> ctx.dsl().createTable(users)
                        .column("id", SQLDataType.INTEGER.notNull())
                        .column("email", SQLDataType.VARCHAR(100).notNull())
                        .primaryKey("id")
                        .execute(),
                ctx -> ctx.dsl().dropTable(users).execute());
    }

    /** v2: insert two users (jOOQ DML with binds). */
    Migration seedUsers() {
        return Migration.of("2", "seed users",
                ctx -> ctx.dsl().insertInto(table(name(users)), field(name("id")), field(name("email")))
                        .values(1, "ann@example.com").values(2, "bob@example.com").execute(),
                ctx -> ctx.dsl().deleteFrom(table(name(users))).execute());
    }

    /** v3: add a column (jOOQ DDL), irreversible on purpose. */
    Migration addName() {
        return Migration.irreversible("3", "add name",
                ctx -> ctx.dsl().alterTable(users).addColumn("name", SQLDataType.VARCHAR(50).null_()).execute());
    }

    /** v3: add a column, with a down step. */
    Migration addNameReversible() {
        return Migration.of("3", "add name",
                ctx -> ctx.dsl().alterTable(users).addColumn("name", SQLDataType.VARCHAR(50).null_()).execute(),
                ctx -> ctx.dsl().alterTable(users).dropColumn("name").execute());
    }

    boolean tableExists(String table) {
        return SchemaTools.of(db.dsl()).tableExists(table);
    }

    /** The history as {@code version|name|type|checksum?|installed_by|success} lines, in rank order. */
    List<String> historyRows() {
        return db.dsl().select().from(table(name(history))).orderBy(field(name("installed_rank")))
                .fetch(Fixture::describe);
    }

    private static String describe(Record r) {
        Object success = r.get("success");
        boolean ok = success instanceof Boolean b ? b : ((Number) success).intValue() != 0;
        return r.get("version") + "|" + r.get("name") + "|" + r.get("type") + "|"
                + (r.get("checksum") == null ? "-" : "sum") + "|" + r.get("installed_by") + "|" + ok;
    }

    List<String> emails() {
        return db.dsl().select(field(name("email"), String.class)).from(table(name(users))).orderBy(field(name("id")))
                .fetch(0, String.class);
    }

    static Path sqlDirectory(String... nameThenContent) {
        try {
            Path directory = Files.createTempDirectory("kysera-migrations");
            for (int i = 0; i < nameThenContent.length; i += 2) {
                Files.writeString(directory.resolve(nameThenContent[i]), nameThenContent[i + 1]);
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
