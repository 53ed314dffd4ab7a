package dev.kysera.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.executor.Executor;
import dev.kysera.repository.Repository;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/** {@code kysera generate repositories}: the output compiles and its repositories work on the database it came from. */
class GenerateRepositoriesTest {

    @TempDir
    Path dir;

    @MatrixTest(only = {Engine.SQLITE, Engine.POSTGRES, Engine.MARIADB})
    void generated_repositories_compile_and_read_and_write(TestDatabase db) throws Exception {
        db.executeScript("""
                create table gen_articles (id bigint not null primary key, title varchar(200) not null, published boolean,
                  published_on date, class varchar(10));
                create table gen_links (a integer not null, b integer not null, note varchar(20), primary key (b, a));
                create table gen_log (line varchar(100));
                """);
        CliRun cli = new CliRun(dir).env("KYSERA_DATABASE_URL", db.jdbcUrl());

        CliRun.Result result = cli.run("generate", "repositories", "--package", "gen.db", "--output", "src", "--json").ok();
        Map<String, Object> json = result.json();
        assertThat(CliRun.list(json.get("written"))).extracting(w -> w.get("class"))
                .contains("gen.db.GenArticlesRepository", "gen.db.GenLinksRepository");
        assertThat(CliRun.list(json.get("skipped"))).extracting(s -> s.get("table") + ": " + s.get("reason"))
                .contains("gen_log: no primary key");
        assertThat(result.err()).contains("skipped gen_log: no primary key");

        Path classes = dir.resolve("classes");
        JavaSources.compile(dir.resolve("src"), classes);

        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
             Executor executor = Executor.builder().dataSource(db.dataSource(), db.dialect()).build()) {
            Class<?> repositoryClass = loader.loadClass("gen.db.GenArticlesRepository");
            @SuppressWarnings("unchecked")
            Repository<Object, Object, Object, ?> articles =
                    (Repository<Object, Object, Object, ?>) repositoryClass.getMethod("create", Executor.class).invoke(null, executor);
            Class<?> newRow = loader.loadClass("gen.db.GenArticlesRepository$NewGenArticles");
            Object input = newRow.getDeclaredConstructors()[0].newInstance(1L, "Hello", true, LocalDate.of(2026, 3, 4), "news");

            Object created = articles.create(input);
            assertThat(component(created, "title")).isEqualTo("Hello");
            assertThat(component(created, "class_")).isEqualTo("news");
            Optional<Object> found = articles.findById(1L);
            assertThat(found).isPresent();
            assertThat(component(found.get(), "publishedOn")).isEqualTo(LocalDate.of(2026, 3, 4));
            assertThat(component(found.get(), "published")).isEqualTo(true);
            assertThat(articles.count(org.jooq.impl.DSL.noCondition())).isEqualTo(1);
            assertThat(db.dsl().fetch("select id, title from gen_articles").map(r -> r.get(0, Long.class) + ":" + r.get(1)))
                    .containsExactly("1:Hello");

            // A composite key (declared b, a): an id record in key order, matched on both columns.
            Class<?> linksClass = loader.loadClass("gen.db.GenLinksRepository");
            @SuppressWarnings("unchecked")
            Repository<Object, Object, Object, ?> links =
                    (Repository<Object, Object, Object, ?>) linksClass.getMethod("create", Executor.class).invoke(null, executor);
            Class<?> newLink = loader.loadClass("gen.db.GenLinksRepository$NewGenLinks");
            Class<?> linkId = loader.loadClass("gen.db.GenLinksRepository$GenLinksId");
            assertThat(List.of(linkId.getRecordComponents()).stream().map(c -> c.getName() + ":" + c.getType().getSimpleName()))
                    .containsExactly("b:Integer", "a:Integer");
            links.create(newLink.getDeclaredConstructors()[0].newInstance(1, 2, "one-two"));
            links.create(newLink.getDeclaredConstructors()[0].newInstance(2, 1, "two-one"));
            Object id = linkId.getDeclaredConstructors()[0].newInstance(1, 2); // b = 1, a = 2
            Optional<Object> link = links.findById(id);
            assertThat(link).isPresent();
            assertThat(component(link.get(), "note")).isEqualTo("two-one");
            assertThat(links.delete(id)).isTrue();
            assertThat(db.dsl().fetch("select a, b, note from gen_links").map(r -> r.get(0, Integer.class) + ":" + r.get(1, Integer.class)
                    + ":" + r.get(2))).containsExactly("1:2:one-two");
        }
    }

    private static Object component(Object record, String name) throws Exception {
        Method accessor = record.getClass().getMethod(name);
        return accessor.invoke(record);
    }

    @MatrixTest(only = Engine.SQLITE)
    void a_bad_package_is_a_configuration_error(TestDatabase db) {
        assertThat(new CliRun(dir).env("KYSERA_DATABASE_URL", db.jdbcUrl()).run("generate", "repositories", "--package", "1bad.class")
                .exit(ExitCode.CONFIG).err()).contains("not a Java package name");
        assertThat(List.of(dir.toFile().list())).isEmpty();
    }
}
