package dev.kysera.spring;

import static dev.kysera.testsupport.schema.Tables.POSTS;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
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
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Real HTTP requests to an embedded Tomcat on a random port, on virtual threads. Requests are
 * bounded generously: the first one initialises the dispatcher on a shared, busy machine.
 */
class WebTest {

    private static final Map<Engine, ConfigurableApplicationContext> APPS = new ConcurrentHashMap<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterAll
    static void close() {
        APPS.values().forEach(ConfigurableApplicationContext::close);
        APPS.clear();
    }

    private static int port(TestDatabase db) {
        ConfigurableApplicationContext app = APPS.computeIfAbsent(db.engine(), e -> {
            db.useTestSchema();
            db.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(1000L, "owner@example.com", "owner").execute();
            db.dsl().insertInto(POSTS, POSTS.ID, POSTS.USER_ID, POSTS.TITLE, POSTS.TENANT_ID)
                    .values(1L, 1000L, "alpha of tenant 1", 1).values(2L, 1000L, "beta of tenant 1", 1).values(3L, 1000L, "gamma of tenant 2", 2)
                    .execute();
            return Apps.start(db, WebApp.class, WebApplicationType.SERVLET, "server.port=0", "spring.threads.virtual.enabled=true",
                    "kysera.rls.tenant-header=X-Tenant", "kysera.web.problem-details=true",
                    "management.endpoints.web.exposure.include=health", "management.endpoint.health.show-details=always",
                    // A busy machine must not turn the expected HEALTHY into DEGRADED (HealthPropertiesTest covers the thresholds).
                    "kysera.health.timeout=1m", "kysera.health.unhealthy-latency=1m", "kysera.health.degraded-latency=1m",
                    "kysera.health.pool-saturation=1");
        });
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    private static HttpResponse<String> send(TestDatabase db, String method, String path, String user, String tenant)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(db) + path))
                .timeout(Duration.ofSeconds(90)).method(method, HttpRequest.BodyPublishers.noBody());
        if (user != null) {
            String password = user + "-pw";
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        if (tenant != null) {
            request.header("X-Tenant", tenant);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void a_request_sees_only_its_tenants_rows(TestDatabase db) throws Exception {
        HttpResponse<String> alice = send(db, "GET", "/posts", "alice", "1");
        assertThat(alice.statusCode()).isEqualTo(200);
        assertThat(alice.body()).isEqualTo("[\"alpha of tenant 1\",\"beta of tenant 1\"]");
        HttpResponse<String> bob = send(db, "GET", "/posts", "bob", "2");
        assertThat(bob.body()).isEqualTo("[\"gamma of tenant 2\"]");
        assertThat(send(db, "GET", "/thread", "bob", "2").body()).as("requests run on virtual threads").isEqualTo("virtual");
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void a_tenant_the_user_does_not_belong_to_is_refused(TestDatabase db) throws Exception {
        assertThat(send(db, "GET", "/posts", "alice", "2").statusCode()).isEqualTo(403);
        assertThat(send(db, "GET", "/posts", null, "1").statusCode()).isEqualTo(401);
        // Without a tenant the policy cannot be decided: the RLS plugin refuses, and that is a 403 problem.
        HttpResponse<String> none = send(db, "GET", "/posts", "alice", null);
        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(none.body()).contains("\"code\":\"ACCESS_DENIED\"");
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void kysera_errors_become_problem_details(TestDatabase db) throws Exception {
        HttpResponse<String> foreign = send(db, "GET", "/posts/3", "alice", "1");
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(foreign.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("application/problem+json"));
        assertThat(foreign.body()).contains("\"code\":\"NOT_FOUND\"");

        HttpResponse<String> move = send(db, "POST", "/posts/1/move?tenant=2", "alice", "1");
        assertThat(move.statusCode()).isEqualTo(403);
        assertThat(move.body()).contains("\"code\":\"ACCESS_DENIED\"");

        assertThat(send(db, "POST", "/users?email=new@example.com", "alice", "1").statusCode()).isEqualTo(200);
        HttpResponse<String> duplicate = send(db, "POST", "/users?email=new@example.com", "alice", "1");
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(duplicate.body()).contains("\"code\":\"UNIQUE_VIOLATION\"").doesNotContain("new@example.com");
        assertThat(db.dsl().select(POSTS.TENANT_ID).from(POSTS).orderBy(POSTS.ID).fetch(POSTS.TENANT_ID)).containsExactly(1, 1, 2);
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void actuator_health_reports_the_database(TestDatabase db) throws Exception {
        HttpResponse<String> health = send(db, "GET", "/actuator/health", null, null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).containsPattern("\"kysera\":\\{\"details\":\\{\"database\":\"" + db.dialect().getName()
                + "\",\"status\":\"HEALTHY\",\"latencyMillis\":\\d+,\"pool\":\\{[^}]*\"max\":10\\}\\},\"status\":\"UP\"\\}");
    }
}
