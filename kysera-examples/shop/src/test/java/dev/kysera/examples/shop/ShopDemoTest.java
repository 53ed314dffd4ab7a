package dev.kysera.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What {@code ./dev shop} prints, on each database: every step did what it says. */
class ShopDemoTest {

    @MatrixTest
    void the_demo_runs_every_step(TestDatabase db) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        new ShopDemo(new PrintStream(buffer, true, StandardCharsets.UTF_8)).run(db.dataSource(), db.dialect());
        String out = buffer.toString(StandardCharsets.UTF_8);

        assertThat(out).contains("below electronics: [electronics, computers, laptops]");
        assertThat(out).contains("search electronics for 'laptop': [Light laptop]");
        assertThat(out).contains("1 x Light laptop = 999.00").contains("2 x jOOQ in practice = 78.00").contains("total 1077.00");
        assertThat(out).containsPattern("order \\d+ pending, 1077.00, lines 2");
        assertThat(out).contains("laptop stock now 2, cart lines left 0");
        assertThat(out).containsPattern("bob: OutOfStock\\[productId=\\d+, requested=5, available=2]");
        assertThat(out).containsPattern("refused: order \\d+ is shipped and cannot become cancelled");
        assertThat(out).contains("order is delivered");
        assertThat(out).contains("UPDATE by clerk: [price_cents=89900]").contains("UPDATE by warehouse: [stock=7]");
        assertThat(out).contains("inventory movements add up to the stock: 7 = 7");
        assertThat(out).endsWith("Done" + System.lineSeparator());
    }
}
