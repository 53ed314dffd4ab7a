package dev.kysera.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kysera init DIR}: a new Maven project on the Kysera BOM, with a configuration and a first migration. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Create a project skeleton: pom.xml importing the kysera BOM, kysera.yaml, migrations/V1__create_notes.sql, an App class.")
final class InitCommand implements Callable<Integer> {

    /** The databases a skeleton can be made for, with their driver and default URL. */
    enum Db {
        SQLITE("org.xerial", "sqlite-jdbc", "sqlite.version", "jdbc:sqlite:app.db"),
        POSTGRES("org.postgresql", "postgresql", "postgresql.version", "jdbc:postgresql://localhost:5432/app"),
        MARIADB("org.mariadb.jdbc", "mariadb-java-client", "mariadb.version", "jdbc:mariadb://localhost:3306/app"),
        H2("com.h2database", "h2", "h2.version", "jdbc:h2:./app");

        final String groupId;
        final String artifactId;
        final String versionKey;
        final String url;

        Db(String groupId, String artifactId, String versionKey, String url) {
            this.groupId = groupId;
            this.artifactId = artifactId;
            this.versionKey = versionKey;
            this.url = url;
        }
    }

    private final Context context;

    @Parameters(paramLabel = "DIR", description = "The project directory (created; must be empty if it exists).")
    Path directory;

    @Option(names = {"-p", "--package"}, defaultValue = "com.example.app", description = "Java package (default ${DEFAULT-VALUE}).")
    String packageName;

    @Option(names = {"-d", "--database"}, defaultValue = "sqlite", description = "sqlite, postgres, mariadb or h2 (default ${DEFAULT-VALUE}).")
    Db database;

    @Option(names = "--group-id", defaultValue = "com.example", description = "Maven groupId (default ${DEFAULT-VALUE}).")
    String groupId;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    InitCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        context.mode(json, false, false);
        if (!JavaNames.isPackageName(packageName)) {
            throw new UsageException("--package '" + packageName + "' is not a Java package name");
        }
        if (!groupId.matches("[A-Za-z0-9_.-]+")) {
            throw new UsageException("--group-id '" + groupId + "' is not a Maven groupId");
        }
        Path root = context.workingDir().resolve(directory).normalize();
        String artifactId = root.getFileName().toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]+", "-");
        if (artifactId.isEmpty()) {
            throw new UsageException("Cannot name a project after '" + directory + "'");
        }
        Properties versions = versions();
        Map<String, String> files = new LinkedHashMap<>();
        files.put("pom.xml", pom(artifactId, versions));
        files.put("kysera.yaml", yaml());
        files.put("migrations/V1__create_notes.sql", """
                -- kysera:up
                create table notes (
                  id integer not null primary key,
                  title varchar(200) not null,
                  body varchar(4000)
                );

                -- kysera:down
                drop table notes;
                """);
        files.put("src/main/java/" + packageName.replace('.', '/') + "/App.java", app());
        files.put(".gitignore", "target/\n*.db\n");
        try {
            if (Files.exists(root)) {
                try (var entries = Files.list(root)) {
                    if (entries.findAny().isPresent()) {
                        throw new CommandFailedException(root + " exists and is not empty: nothing was written");
                    }
                }
            }
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path target = root.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the project in " + root, e);
        }
        context.result(Map.of("directory", root.toString(), "files", List.copyOf(files.keySet())),
                "Created " + root + "\nNext: cd " + directory + " && kysera migrate up && mvn package");
        return 0;
    }

    private static Properties versions() {
        Properties properties = new Properties();
        try (InputStream in = InitCommand.class.getResourceAsStream("/dev/kysera/cli/version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing from the CLI's jar");
            }
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String pom(String artifactId, Properties versions) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>%s</groupId>
                  <artifactId>%s</artifactId>
                  <version>0.1.0-SNAPSHOT</version>

                  <properties>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                    <maven.compiler.release>21</maven.compiler.release>
                    <kysera.version>%s</kysera.version>
                    <jooq.version>%s</jooq.version>
                  </properties>

                  <dependencyManagement>
                    <dependencies>
                      <dependency>
                        <groupId>dev.kysera</groupId>
                        <artifactId>kysera-bom</artifactId>
                        <version>${kysera.version}</version>
                        <type>pom</type>
                        <scope>import</scope>
                      </dependency>
                    </dependencies>
                  </dependencyManagement>

                  <dependencies>
                    <dependency><groupId>dev.kysera</groupId><artifactId>kysera-executor</artifactId></dependency>
                    <dependency><groupId>dev.kysera</groupId><artifactId>kysera-repository</artifactId></dependency>
                    <dependency><groupId>dev.kysera</groupId><artifactId>kysera-migrations</artifactId></dependency>
                    <dependency><groupId>org.jooq</groupId><artifactId>jooq</artifactId><version>${jooq.version}</version></dependency>
                    <dependency><groupId>%s</groupId><artifactId>%s</artifactId><version>%s</version></dependency>
                  </dependencies>
                </project>
                """.formatted(groupId, artifactId, versions.getProperty("version"), versions.getProperty("jooq.version"),
                database.groupId, database.artifactId, versions.getProperty(database.versionKey));
    }

    private String yaml() {
        return """
                # kysera CLI configuration. Environment variables (KYSERA_DATABASE_URL, …) and flags override it.
                database:
                  url: ${DATABASE_URL:-%s}
                  user: ${DATABASE_USER:-}
                  password: ${DATABASE_PASSWORD:-}
                migrations:
                  directory: migrations
                generate:
                  package: %s.db
                  output: src/main/java
                """.formatted(database.url, packageName);
    }

    private String app() {
        return """
                package %s;

                import dev.kysera.executor.Executor;
                import dev.kysera.migrations.MigrationConfig;
                import dev.kysera.migrations.MigrationSources;
                import dev.kysera.migrations.Migrator;
                import java.nio.file.Path;
                import java.sql.DriverManager;
                import javax.sql.DataSource;
                import org.jooq.Record;
                import org.jooq.Table;
                import org.jooq.impl.DSL;

                /** Applies the migrations, then writes and reads a note through a Kysera executor. */
                public final class App {

                    private static final Table<Record> NOTES = DSL.table(DSL.name("notes"));

                    private App() {
                    }

                    public static void main(String[] args) throws Exception {
                        String url = args.length > 0 ? args[0] : System.getenv().getOrDefault("DATABASE_URL", "%s");
                        DataSource dataSource = dataSource(url);
                        Migrator.create(MigrationConfig.builder()
                                .dataSource(dataSource)
                                .source(MigrationSources.directory(Path.of("migrations")))
                                .build()).up();
                        try (Executor executor = Executor.builder().dataSource(dataSource, dev.kysera.core.dialect.Dialects.fromJdbcUrl(url)).build()) {
                            executor.transaction(tx -> tx.dsl().insertInto(NOTES)
                                    .set(DSL.field(DSL.name("id"), Integer.class), 1)
                                    .set(DSL.field(DSL.name("title"), String.class), "hello")
                                    .execute());
                            System.out.println(executor.dsl().fetchCount(NOTES) + " note(s)");
                        }
                    }

                    /** A minimal DataSource; use a pool (HikariCP) in a real application. */
                    private static DataSource dataSource(String url) {
                        return new org.jooq.tools.jdbc.SingleConnectionDataSource(uncheckedConnection(url));
                    }

                    private static java.sql.Connection uncheckedConnection(String url) {
                        try {
                            return DriverManager.getConnection(url);
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException("Cannot connect to " + url.replaceAll("(?i)password=[^&;]*", "password=***"), e);
                        }
                    }
                }
                """.formatted(packageName, database.url);
    }
}
