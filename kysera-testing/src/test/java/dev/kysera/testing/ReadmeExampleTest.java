package dev.kysera.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's example is {@code readme/BlogExampleTest.java}, which the build compiles and runs. */
class ReadmeExampleTest {

    @Test
    void readmeShowsTheExampleThatRuns() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String source = Files.readString(Path.of("src/test/java/dev/kysera/testing/readme/BlogExampleTest.java"));
        String block = readme.substring(readme.indexOf("```java\n") + "```java\n".length());
        block = block.substring(0, block.indexOf("```"));
        assertThat(block.strip()).isEqualTo(source.substring(source.indexOf('\n')).strip());
    }
}
