package dev.kysera.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's quick start, line by line as written there, through the CLI's entry point. */
class ReadmeExampleTest {

    @TempDir
    Path dir;

    @Test
    void the_quick_start_runs() throws Exception {
        List<String> lines = quickStart(Files.readString(Path.of("README.md")));
        assertThat(lines).as("the quick start block").hasSizeGreaterThan(5).first().asString().startsWith("kysera init");

        Path current = dir;
        for (String line : lines) {
            List<String> words = words(line);
            if (words.get(0).equals("cd")) {
                current = current.resolve(words.get(1));
                continue;
            }
            assertThat(words.get(0)).as(line).isEqualTo("kysera");
            new CliRun(current).run(words.subList(1, words.size()).toArray(String[]::new)).ok();
        }

        Path shop = dir.resolve("shop");
        assertThat(shop.resolve("app.db")).exists();
        assertThat(shop.resolve("src/main/java/com/acme/shop/db/NotesRepository.java")).content().contains("class NotesRepository");
        assertThat(shop.resolve("migrations/V2__add_customers.sql")).content().contains("-- kysera:up", "-- kysera:down");
        // Until its up section has a statement, the new migration is refused (never silently skipped).
        assertThat(new CliRun(shop).run("migrate", "status").exit(ExitCode.FAILED).err()).contains("V2__add_customers.sql", "MIGRATION_INVALID");
        Files.writeString(shop.resolve("migrations/V2__add_customers.sql"), "-- kysera:up\ncreate table customers (id integer primary key);\n");
        assertThat(new CliRun(shop).run("migrate", "status", "--json").ok().json().get("pending")).isEqualTo(List.of("2"));
    }

    private static List<String> quickStart(String readme) {
        int section = readme.indexOf("## Quick start");
        int start = readme.indexOf("```sh\n", section) + "```sh\n".length();
        int end = readme.indexOf("```", start);
        return readme.substring(start, end).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /** Splits a command line on spaces, keeping "double-quoted words" together. */
    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ' ' && !quoted) {
                if (!word.isEmpty()) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (!word.isEmpty()) {
            words.add(word.toString());
        }
        return words;
    }
}
