package dev.kysera.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.examples.quickstart.QuickstartTour;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The quickstart tour runs on every database and shows what each plugin did. */
class QuickstartTest {

    @MatrixTest(except = Engine.H2)
    void the_tour_shows_every_plugin_at_work(TestDatabase db) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        new QuickstartTour(db.dsl(), new PrintStream(buffer, true, StandardCharsets.UTF_8)).run();
        String out = buffer.toString(StandardCharsets.UTF_8);

        assertThat(out).contains("executor plugins, in run order: [soft-delete, timestamps]");
        assertThat(out).containsPattern("created User\\[id=\\d+, email=john@example.com, name=John, createdAt=2\\d{3}-.*updatedAt=2\\d{3}-");
        assertThat(out).contains("rejected: Validation failed (2 violations)").contains("users in the table: 2");
        assertThat(out).contains("repository findAll: [John]");
        assertThat(out).contains("deleted_at").contains("is null");
        assertThat(out).contains("GET_USER(jane) = Optional.empty");
        assertThat(out).contains("LIST_ACTIVE_USERS = [John]").contains("LIST_ACTIVE_USERS including deleted = [Jane, John]");
        assertThat(out).contains("rolled back after: payment failed");
        assertThat(out).contains("posts with authors (a join, both tables filtered): [Hello, Kysera by John]");
        assertThat(out).contains("restore refused: UNIQUE_VIOLATION");
        assertThat(out).contains("active users: [Jane again, John], deleted: 1");
    }
}
