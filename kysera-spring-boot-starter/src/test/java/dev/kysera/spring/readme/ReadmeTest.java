package dev.kysera.spring.readme;

import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.error.UniqueConstraintException;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.ReadmeCode;
import dev.kysera.testsupport.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The README's application is this package's: it compiles, starts and behaves as the README says. */
class ReadmeTest {

    @Test
    void the_readme_shows_the_code_that_runs() {
        assertThat(ReadmeCode.linesNotIn(Path.of("README.md"), Path.of("src/test/java/dev/kysera/spring/readme/ReadmeApplication.java")))
                .isEmpty();
    }

    @MatrixTest(only = Engine.SQLITE)
    void the_minimal_application_runs(TestDatabase db) {
        db.useTestSchema();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ReadmeApplication.class).web(WebApplicationType.NONE)
                .properties("spring.main.banner-mode=off", "logging.level.root=WARN", "spring.datasource.url=" + db.jdbcUrl())
                .run()) {
            ReadmeApplication.SignUps signUps = app.getBean(ReadmeApplication.SignUps.class);
            long id = signUps.signUp("ann@example.com", "Ann");
            assertThat(db.dsl().select(USERS.EMAIL, USERS.STATUS).from(USERS).where(USERS.ID.eq(id)).fetchOne().intoList())
                    .containsExactly("ann@example.com", "suspended");
            assertThatThrownBy(() -> signUps.signUp("ann@example.com", "Ann again")).isInstanceOf(UniqueConstraintException.class);
            assertThat(db.dsl().fetchCount(USERS)).isOne();
        }
    }
}
