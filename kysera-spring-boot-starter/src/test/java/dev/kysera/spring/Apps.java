package dev.kysera.spring;

import dev.kysera.testsupport.TestDatabase;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts real Spring Boot applications on a test database of the matrix. */
final class Apps {

    private Apps() {
    }

    /** Runs {@code app} with the test database as its DataSource; the caller closes the context. */
    static ConfigurableApplicationContext start(TestDatabase db, Class<?> app, WebApplicationType web, String... properties) {
        return new SpringApplicationBuilder(app).web(web)
                .initializers(context -> context.getBeanFactory().registerSingleton("dataSource", db.dataSource()))
                .properties("spring.main.banner-mode=off", "logging.level.root=WARN", "spring.jmx.enabled=false")
                .properties(properties)
                .run();
    }
}
