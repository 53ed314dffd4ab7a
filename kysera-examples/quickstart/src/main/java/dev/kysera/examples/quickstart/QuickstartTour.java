package dev.kysera.examples.quickstart;

import static dev.kysera.examples.quickstart.UserQueries.CREATE_POST;
import static dev.kysera.examples.quickstart.UserQueries.GET_USER;
import static dev.kysera.examples.quickstart.UserQueries.LIST_ACTIVE_USERS;
import static dev.kysera.examples.quickstart.UserQueries.POST_TITLES_WITH_AUTHORS;
import static dev.kysera.examples.quickstart.schema.Tables.USERS;

import dev.kysera.core.error.KyseraException;
import dev.kysera.core.error.ValidationFailedException;
import dev.kysera.dal.Dal;
import dev.kysera.dal.DbContext;
import dev.kysera.executor.Executor;
import dev.kysera.repository.Repository;
import dev.kysera.repository.Values;
import dev.kysera.softdelete.SoftDeleteOperations;
import dev.kysera.softdelete.SoftDeletePlugin;
import dev.kysera.timestamps.TimestampsPlugin;
import dev.kysera.validation.jakarta.JakartaValidation;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;

/** The seed's "Quick Example" in Java, step by step, telling what each step does. */
public final class QuickstartTour {

    private final DSLContext jooq;
    private final PrintStream out;

    /** @param jooq a plain jOOQ context on an empty database */
    public QuickstartTour(DSLContext jooq, PrintStream out) {
        this.jooq = jooq;
        this.out = out;
    }

    public void run() {
        step("Create the schema (users, posts) for " + jooq.dialect().getNameLC());
        createSchema();

        step("Build an executor with the soft-delete and timestamps plugins");
        SoftDeletePlugin softDelete = SoftDeletePlugin.create();
        TimestampsPlugin timestamps = TimestampsPlugin.create();
        try (Executor executor = Executor.of(jooq, softDelete, timestamps)) {
            say("executor plugins, in run order: " + executor.plugins().stream().map(p -> p.name()).toList());

            Repository<User, Long, NewUser, Values> users = Repository.builder(USERS, USERS.ID)
                    .mapper(User::from)
                    .create((NewUser u) -> Values.of(USERS.EMAIL, u.email()).set(USERS.NAME, u.name()), JakartaValidation.schema())
                    .build(executor);

            step("Create users through the repository: the timestamps plugin fills created_at and updated_at");
            User john = users.create(new NewUser("john@example.com", "John"));
            User jane = users.create(new NewUser("jane@example.com", "Jane"));
            say("created " + john);
            say("created " + jane);

            step("Invalid input is rejected by Jakarta validation before any SQL runs");
            try {
                users.create(new NewUser("not-an-email", " "));
            } catch (ValidationFailedException e) {
                say("rejected: " + e.getMessage());
            }
            say("users in the table: " + users.count());

            step("Soft-delete Jane: an UPDATE that sets deleted_at, not a DELETE");
            SoftDeleteOperations<User, Long> softDeletes = users.extension(softDelete.operations());
            softDeletes.softDelete(jane.id());
            say("repository findAll: " + users.findAll(USERS.NAME.asc()).stream().map(User::name).toList());
            say("the SQL a plain jOOQ query becomes: " + executor.dsl().render(executor.dsl().selectFrom(USERS)));

            step("DAL query functions run through the same executor, so the plugins apply there too");
            DbContext ctx = DbContext.of(executor);
            say("GET_USER(jane) = " + GET_USER.run(ctx, jane.id()) + "   (soft-deleted, so not found)");
            say("LIST_ACTIVE_USERS = " + LIST_ACTIVE_USERS.run(ctx));
            say("LIST_ACTIVE_USERS including deleted = " + LIST_ACTIVE_USERS.run(DbContext.of(softDelete.includingDeleted(executor))));

            step("A transaction keeps every plugin; a failure rolls back everything in it");
            Dal.withTransaction(ctx, tx -> CREATE_POST.run(tx, new UserQueries.Post(john.id(), "Hello, Kysera")));
            try {
                Dal.withTransaction(ctx, tx -> {
                    CREATE_POST.run(tx, new UserQueries.Post(john.id(), "Never published"));
                    throw new IllegalStateException("payment failed");
                });
            } catch (IllegalStateException e) {
                say("rolled back after: " + e.getMessage());
            }
            say("posts with authors (a join, both tables filtered): " + POST_TITLES_WITH_AUTHORS.run(ctx));

            step("Re-sign-up with a deleted account's e-mail works; restoring the old account then would not");
            User newJane = users.create(new NewUser("jane@example.com", "Jane again"));
            say("created " + newJane);
            try {
                softDeletes.restore(jane.id());
            } catch (KyseraException e) {
                say("restore refused: " + e.code());
            }
            say("active users: " + LIST_ACTIVE_USERS.run(ctx) + ", deleted: " + softDeletes.countDeleted());
        }
        step("Done");
    }

    private void createSchema() {
        String script = resource(scriptName(jooq.dialect()));
        Arrays.stream(script.split(";\\s*\\n"))
                .map(statement -> statement.lines().filter(line -> !line.strip().startsWith("--")).reduce("", (a, b) -> a + "\n" + b).strip())
                .filter(statement -> !statement.isEmpty())
                .forEach(jooq::execute);
    }

    private static String scriptName(SQLDialect dialect) {
        return switch (dialect.family()) {
            case SQLITE -> "sqlite.sql";
            case POSTGRES -> "postgres.sql";
            case MARIADB, MYSQL -> "mariadb.sql";
            case H2 -> "h2.sql";
            default -> throw new IllegalArgumentException("The quickstart runs on SQLite, PostgreSQL, MariaDB or H2, not " + dialect);
        };
    }

    private static String resource(String name) {
        try (InputStream in = QuickstartTour.class.getResourceAsStream(name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int steps;

    private void step(String text) {
        out.println();
        out.println((++steps) + ". " + text);
    }

    private void say(String text) {
        out.println("   " + text);
    }
}
