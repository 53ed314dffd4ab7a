package dev.kysera.examples.saas;

import static dev.kysera.examples.saas.schema.Tables.PROJECTS;
import static dev.kysera.examples.saas.schema.Tables.TASKS;
import static dev.kysera.examples.saas.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.executor.Executor;
import dev.kysera.rls.RlsAccessDeniedException;
import dev.kysera.rls.RlsContext;
import dev.kysera.rls.RlsPlugin;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application over real HTTP on an embedded server, with its demo tenants acme (ann owner,
 * adam admin, mia member) and globex (gus owner, gina member): whatever a user of one tenant
 * sends, through any endpoint, the other tenant's rows are neither shown nor changed.
 */
class SaasApiTest {

    private static final Map<Engine, ConfigurableApplicationContext> APPS = new ConcurrentHashMap<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The role migration 3 creates on PostgreSQL: one per run, since roles belong to the whole server. */
    private static final String APP_ROLE = "kysera_saas_test_" + Long.toHexString(System.nanoTime());
    private static final Map<Engine, String> URLS = new ConcurrentHashMap<>();

    @AfterAll
    static void close() throws SQLException {
        APPS.values().forEach(ConfigurableApplicationContext::close);
        APPS.clear();
        String postgres = URLS.get(Engine.POSTGRES);
        if (postgres != null) {
            try (Connection c = DriverManager.getConnection(postgres); Statement s = c.createStatement()) {
                s.execute("drop owned by " + APP_ROLE);
                s.execute("drop role " + APP_ROLE);
            }
        }
    }

    private static ConfigurableApplicationContext app(TestDatabase db) {
        return APPS.computeIfAbsent(db.engine(), engine -> {
            URLS.put(engine, db.jdbcUrl());
            return new SpringApplicationBuilder(SaasApplication.class)
                    .initializers(context -> context.getBeanFactory().registerSingleton("dataSource", db.dataSource()))
                    .properties("server.port=0", "logging.level.root=WARN", "spring.jmx.enabled=false", "saas.native-rls.role=" + APP_ROLE)
                    .run();
        });
    }

    private record Reply(int status, String body) {
    }

    private static Reply send(TestDatabase db, String method, String path, String user, String body) throws IOException, InterruptedException {
        long tenant = tenantOf(db, user);
        return send(db, method, path, user, String.valueOf(tenant), body);
    }

    private static Reply send(TestDatabase db, String method, String path, String user, String tenant, String body)
            throws IOException, InterruptedException {
        int port = ((WebServerApplicationContext) app(db)).getWebServer().getPort();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(90))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user + "-pw").getBytes(StandardCharsets.UTF_8)));
        if (tenant != null) {
            request.header("X-Tenant-Id", tenant);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    private static long tenantOf(TestDatabase db, String user) {
        app(db);
        return db.dsl().select(USERS.TENANT_ID).from(USERS).where(USERS.USERNAME.eq(user)).fetchSingle(USERS.TENANT_ID);
    }

    private static long projectId(TestDatabase db, String name) {
        app(db);
        return db.dsl().select(PROJECTS.ID).from(PROJECTS).where(PROJECTS.NAME.eq(name)).fetchSingle(PROJECTS.ID);
    }

    private static long taskId(TestDatabase db, String title) {
        app(db);
        return db.dsl().select(TASKS.ID).from(TASKS).where(TASKS.TITLE.eq(title)).fetchSingle(TASKS.ID);
    }

    private static Result<Record> all(TestDatabase db) {
        app(db);
        return db.dsl().select(TASKS.fields()).select(PROJECTS.NAME).from(TASKS).join(PROJECTS).on(PROJECTS.ID.eq(TASKS.PROJECT_ID))
                .orderBy(TASKS.ID).fetch();
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void each_tenant_reads_only_its_own_rows(TestDatabase db) throws Exception {
        long website = projectId(db, "Website");
        long reactor = projectId(db, "Reactor");
        assertThat(send(db, "GET", "/api/tenant", "mia", null).body()).isEqualTo("{\"id\":" + tenantOf(db, "mia") + ",\"name\":\"acme\"}");
        assertThat(send(db, "GET", "/api/projects", "mia", null).body()).isEqualTo("[{\"id\":" + website + ",\"name\":\"Website\"}]");
        assertThat(send(db, "GET", "/api/projects", "gina", null).body()).isEqualTo("[{\"id\":" + reactor + ",\"name\":\"Reactor\"}]");
        assertThat(send(db, "GET", "/api/users", "gina", null).body())
                .isEqualTo("[{\"username\":\"gina\",\"role\":\"member\"},{\"username\":\"gus\",\"role\":\"owner\"}]");
        assertThat(send(db, "GET", "/api/projects/" + reactor + "/tasks", "gina", null).body()).contains("Cool the core").doesNotContain("logo");
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void another_tenants_rows_are_not_found_through_any_endpoint(TestDatabase db) throws Exception {
        long reactor = projectId(db, "Reactor");
        long coolTheCore = taskId(db, "Cool the core");
        Result<Record> before = all(db);

        assertThat(send(db, "GET", "/api/projects/" + reactor + "/tasks", "ann", null).status()).isEqualTo(404);
        Reply sabotage = send(db, "POST", "/api/projects/" + reactor + "/tasks", "ann", "{\"title\":\"sabotage\",\"assignee\":\"ann\"}");
        assertThat(sabotage.status()).as(sabotage.body() + " / " + all(db)).isEqualTo(404);
        assertThat(send(db, "PATCH", "/api/tasks/" + coolTheCore, "ann", "{\"status\":\"done\"}").status()).isEqualTo(404);
        assertThat(send(db, "DELETE", "/api/projects/" + reactor, "ann", null).status()).isEqualTo(404);

        assertThat(all(db)).isEqualTo(before);
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void the_tenant_header_must_be_the_users_own(TestDatabase db) throws Exception {
        String globex = String.valueOf(tenantOf(db, "gus"));
        assertThat(send(db, "GET", "/api/projects", "ann", globex, null).status()).isEqualTo(403);
        assertThat(send(db, "GET", "/api/projects", "ann", "not-a-number", null).status()).isEqualTo(403);
        assertThat(send(db, "GET", "/api/projects", "ann", null, null).status()).isEqualTo(403);
        Reply wrongPassword = send(db, "GET", "/api/projects", "nobody", String.valueOf(tenantOf(db, "ann")), null);
        assertThat(wrongPassword.status()).isEqualTo(401);
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void roles_decide_who_manages_projects_and_users(TestDatabase db) throws Exception {
        int projects = db.dsl().fetchCount(PROJECTS);
        assertThat(send(db, "POST", "/api/projects", "mia", "{\"name\":\"by a member\"}").status()).isEqualTo(403);
        assertThat(db.dsl().fetchCount(PROJECTS)).isEqualTo(projects);

        Reply created = send(db, "POST", "/api/projects", "adam", "{\"name\":\"Launch\"}");
        assertThat(created.status()).isEqualTo(201);
        long launch = projectId(db, "Launch");
        assertThat(created.body()).isEqualTo("{\"id\":" + launch + ",\"name\":\"Launch\"}");
        assertThat(db.dsl().select(PROJECTS.TENANT_ID).from(PROJECTS).where(PROJECTS.ID.eq(launch)).fetchSingle(PROJECTS.TENANT_ID))
                .isEqualTo(tenantOf(db, "adam"));

        assertThat(send(db, "POST", "/api/users", "adam", "{\"username\":\"olga\",\"password\":\"x\",\"role\":\"owner\"}").status()).isEqualTo(403);
        assertThat(send(db, "POST", "/api/users", "mia", "{\"username\":\"max\",\"password\":\"x\",\"role\":\"member\"}").status()).isEqualTo(403);
        assertThat(send(db, "POST", "/api/users", "ann", "{\"username\":\"olga\",\"password\":\"olga-pw\",\"role\":\"owner\"}").status()).isEqualTo(201);
        assertThat(db.dsl().select(USERS.USERNAME).from(USERS).where(USERS.USERNAME.in("olga", "max")).fetch(USERS.USERNAME)).containsExactly("olga");
        assertThat(send(db, "GET", "/api/projects", "olga", null).body()).contains("Website").contains("Launch").doesNotContain("Reactor");

        assertThat(send(db, "DELETE", "/api/projects/" + launch, "mia", null).status()).isEqualTo(404);
        assertThat(send(db, "DELETE", "/api/projects/" + launch, "ann", null).status()).isEqualTo(204);
        assertThat(db.dsl().fetchCount(PROJECTS, PROJECTS.ID.eq(launch))).isZero();
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void members_work_on_their_own_tasks_only(TestDatabase db) throws Exception {
        long website = projectId(db, "Website");
        long landingPage = taskId(db, "Write the landing page");
        long logo = taskId(db, "Choose a logo");

        assertThat(send(db, "PATCH", "/api/tasks/" + landingPage, "mia", "{\"status\":\"done\"}").status()).isEqualTo(204);
        assertThat(send(db, "PATCH", "/api/tasks/" + logo, "mia", "{\"status\":\"done\"}").status()).isEqualTo(404);
        assertThat(send(db, "PATCH", "/api/tasks/" + logo, "mia", "{\"status\":\"finished\"}").status()).isEqualTo(400);
        assertThat(db.dsl().select(TASKS.ID, TASKS.STATUS).from(TASKS).where(TASKS.ID.in(landingPage, logo)).orderBy(TASKS.ID).fetch()
                .map(r -> r.value2())).isEqualTo(List.of(landingPage < logo ? "done" : "open", landingPage < logo ? "open" : "done"));

        Reply task = send(db, "POST", "/api/projects/" + website + "/tasks", "mia", "{\"title\":\"Proofread\",\"assignee\":\"mia\"}");
        assertThat(task.status()).isEqualTo(201);
        assertThat(db.dsl().select(TASKS.TENANT_ID).from(TASKS).where(TASKS.TITLE.eq("Proofread")).fetchSingle(TASKS.TENANT_ID))
                .isEqualTo(tenantOf(db, "mia"));
        assertThat(send(db, "POST", "/api/projects/" + website + "/tasks", "mia", "{\"title\":\" \"}").status()).isEqualTo(400);
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void a_task_for_a_project_the_caller_cannot_see_is_never_written(TestDatabase db) throws Exception {
        long reactor = projectId(db, "Reactor");
        long website = projectId(db, "Website");
        int tasks = db.dsl().fetchCount(TASKS);
        int audited = auditRows(db);

        // One INSERT … SELECT each: the SELECT finds no visible project, so no row (and no audit entry) is written.
        for (long project : List.of(reactor, Math.max(reactor, website) + 1000)) {
            Reply reply = send(db, "POST", "/api/projects/" + project + "/tasks", "mia", "{\"title\":\"Intrude\",\"assignee\":\"mia\"}");
            assertThat(reply.status()).as(reply.body()).isEqualTo(404);
            assertThat(reply.body()).contains("\"code\":\"NOT_FOUND\"");
        }
        assertThat(db.dsl().fetchCount(TASKS)).isEqualTo(tasks);
        assertThat(db.dsl().fetchCount(TASKS, TASKS.TITLE.eq("Intrude"))).isZero();
        assertThat(auditRows(db)).isEqualTo(audited);

        Reply own = send(db, "POST", "/api/projects/" + website + "/tasks", "mia", "{\"title\":\"Inside\",\"assignee\":\"mia\"}");
        assertThat(own.status()).isEqualTo(201);
        assertThat(db.dsl().select(TASKS.TENANT_ID, TASKS.PROJECT_ID).from(TASKS).where(TASKS.TITLE.eq("Inside")).fetchSingle().intoArray())
                .containsExactly(tenantOf(db, "mia"), website);
        assertThat(own.body()).isEqualTo("{\"id\":" + taskId(db, "Inside") + ",\"projectId\":" + website
                + ",\"title\":\"Inside\",\"status\":\"open\",\"assignee\":\"mia\"}");
        assertThat(auditRows(db)).isEqualTo(audited + 1);
    }

    private static int auditRows(TestDatabase db) {
        app(db);
        return db.dsl().fetchCount(org.jooq.impl.DSL.table("audit_log"));
    }

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES})
    void each_change_is_in_its_rows_history_and_a_tenant_reads_only_its_own(TestDatabase db) throws Exception {
        Reply created = send(db, "POST", "/api/projects", "gus", "{\"name\":\"Turbine\"}");
        assertThat(created.status()).isEqualTo(201);
        long turbine = projectId(db, "Turbine");
        Reply task = send(db, "POST", "/api/projects/" + turbine + "/tasks", "gina", "{\"title\":\"Balance the blades\",\"assignee\":\"gina\"}");
        assertThat(task.status()).isEqualTo(201);
        long blades = taskId(db, "Balance the blades");
        assertThat(send(db, "PATCH", "/api/tasks/" + blades, "gina", "{\"status\":\"done\"}").status()).isEqualTo(204);

        Reply projectHistory = send(db, "GET", "/api/projects/" + turbine + "/history", "gina", null);
        assertThat(projectHistory.status()).isEqualTo(200);
        assertThat(projectHistory.body()).startsWith("[{\"id\":").contains("\"operation\":\"INSERT\",\"changedBy\":\"gus\"")
                .contains("\"name\":\"Turbine\"").doesNotContain("UPDATE");
        Reply taskHistory = send(db, "GET", "/api/tasks/" + blades + "/history", "gus", null);
        assertThat(taskHistory.status()).isEqualTo(200);
        assertThat(taskHistory.body().split("\"operation\":", -1)).hasSize(3);
        assertThat(taskHistory.body()).contains("\"operation\":\"INSERT\",\"changedBy\":\"gina\"")
                .contains("\"operation\":\"UPDATE\",\"changedBy\":\"gina\"").contains("\"changedColumns\":[\"status\"]")
                .contains("\"oldValues\":{").contains("\"status\":\"open\"").contains("\"status\":\"done\"");

        // another tenant: neither the rows nor their history, and nothing is written to the log
        int entries = auditRows(db);
        assertThat(send(db, "GET", "/api/projects/" + turbine + "/history", "ann", null).status()).isEqualTo(404);
        assertThat(send(db, "GET", "/api/tasks/" + blades + "/history", "mia", null).status()).isEqualTo(404);
        assertThat(send(db, "GET", "/api/tasks/" + blades + "/history", "ann", null).body()).doesNotContain("blades");
        assertThat(send(db, "PATCH", "/api/tasks/" + blades, "ann", "{\"status\":\"open\"}").status()).isEqualTo(404);
        assertThat(auditRows(db)).isEqualTo(entries);

        // the caller's own project's history is still read, and holds only that project's entries
        assertThat(send(db, "GET", "/api/projects/" + projectId(db, "Website") + "/history", "ann", null).body())
                .contains("\"name\":\"Website\"").doesNotContain("Turbine").doesNotContain("Reactor");
    }

    /**
     * PostgreSQL's own policies, under the plugin's: in a request's transaction (the application's
     * executor, its role and the tenant context), plain SQL on the transaction's connection — no
     * plugin in the way — sees and changes only the tenant's rows, and without a context nothing.
     */
    @MatrixTest(only = Engine.POSTGRES)
    void natively_the_database_itself_keeps_plain_sql_to_the_tenants_rows(TestDatabase db) {
        Executor executor = app(db).getBean(Executor.class);
        long acme = tenantOf(db, "ann");
        long globex = tenantOf(db, "gus");
        Result<Record> before = all(db);
        RlsContext ann = RlsContext.of("ann", acme, "owner");

        List<Long> seen = RlsPlugin.callAs(ann, () -> executor.transactionResult(tx ->
                plain(executor).fetch("select tenant_id from projects order by id").getValues(0, Long.class)));
        assertThat(seen).isNotEmpty().containsOnly(acme);
        assertThat(db.dsl().fetchCount(PROJECTS, PROJECTS.TENANT_ID.eq(globex))).as("globex has projects").isPositive();
        int changed = RlsPlugin.callAs(ann, () -> executor.transactionResult(tx ->
                plain(executor).execute("update projects set name = 'taken' where tenant_id = " + globex)
                        + plain(executor).execute("delete from tasks where tenant_id = " + globex)));
        assertThat(changed).isZero();
        assertThatThrownBy(() -> RlsPlugin.callAs(ann, () -> executor.transactionResult(tx ->
                plain(executor).execute("insert into projects (tenant_id, name) values (" + globex + ", 'planted')"))))
                .hasRootCauseInstanceOf(SQLException.class)
                .rootCause().satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
        int withoutContext = executor.transactionResult(tx -> plain(executor).fetchCount(DSL.table(DSL.name("projects"))));
        assertThat(withoutContext).as("no context, no rows").isZero();
        assertThatThrownBy(() -> RlsPlugin.callAs(ann, () -> executor.dsl().fetchCount(PROJECTS)))
                .as("outside a transaction it would run as the owner").isInstanceOf(RlsAccessDeniedException.class);
        assertThat(all(db)).isEqualTo(before);
    }

    /** The transaction's own connection, without the executor's plugins: what the database alone enforces. */
    private static DSLContext plain(Executor executor) {
        return executor.transaction().orElseThrow().dsl();
    }
}
