package dev.kysera.spring;

import dev.kysera.testsupport.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts real Spring Boot applications on a test database of the matrix. */
final class Apps {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Apps() {
    }

    /** Runs {@code app} with the test database as its DataSource; the caller closes the context. */
    static ConfigurableApplicationContext start(TestDatabase db, Class<?> app, WebApplicationType web, String... properties) {
        return start(db, app, web, Map.of(), properties);
    }

    /** Runs {@code app} with the test database as its DataSource and these beans besides. */
    static ConfigurableApplicationContext start(TestDatabase db, Class<?> app, WebApplicationType web, Map<String, Object> beans,
                                                String... properties) {
        return new SpringApplicationBuilder(app).web(web)
                .initializers(context -> {
                    context.getBeanFactory().registerSingleton("dataSource", db.dataSource());
                    beans.forEach(context.getBeanFactory()::registerSingleton);
                })
                .properties("spring.main.banner-mode=off", "logging.level.root=WARN", "spring.jmx.enabled=false")
                .properties(properties)
                .run();
    }

    /**
     * Sends a request to a servlet application started by {@link #start}, as {@code user} with HTTP
     * Basic and the password {@code <user>-pw}, or anonymously when {@code user} is null.
     */
    static HttpResponse<String> send(ConfigurableApplicationContext app, String method, String path, String user,
                                     Map<String, String> headers) throws IOException, InterruptedException {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(90)).method(method, HttpRequest.BodyPublishers.noBody());
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user + "-pw")
                    .getBytes(StandardCharsets.UTF_8)));
        }
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
