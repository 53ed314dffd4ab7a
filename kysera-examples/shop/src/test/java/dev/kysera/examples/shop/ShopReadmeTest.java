package dev.kysera.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.infra.RetryOptions;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.ReadmeCode;
import dev.kysera.testsupport.TestDatabase;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;

/** The README's example, as written, on every database. */
class ShopReadmeTest {

    @MatrixTest
    void the_readme_example_runs(TestDatabase db) {
        DataSource dataSource = db.dataSource();
        SQLDialect dialect = db.dialect();

        try (ShopApp shopApp = ShopApp.start(dataSource, dialect, RetryOptions.defaults())) {
            ShopApp.Shop shop = shopApp.as("ann");
            Category books = shop.catalog().addCategory("books", "Books");
            Product book = shop.catalog().addProduct(new NewProduct(books.id(), "BOO-1", "jOOQ in practice", 3_900, 10));
            shop.carts().add(42, book.id(), 2);
            String outcome = switch (shop.checkout().checkout(42)) {
                case CheckoutResult.Placed placed -> "order " + shop.orders().startProcessing(placed.order().id()).status();
                case CheckoutResult.OutOfStock shortage -> "only " + shortage.available() + " left";
                case CheckoutResult.EmptyCart empty -> "nothing to buy";
            };

            assertThat(outcome).isEqualTo("order PROCESSING");
            assertThat(shop.catalog().product(book.id()).stock()).isEqualTo(8);
        }
    }

    @Test
    void the_readme_shows_the_code_this_test_runs() {
        assertThat(ReadmeCode.linesNotIn(Path.of("README.md"), Path.of("src/test/java/dev/kysera/examples/shop/ShopReadmeTest.java"))).isEmpty();
    }
}
