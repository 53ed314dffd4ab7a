package dev.kysera.validation.yavi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import am.ik.yavi.builder.ValidatorBuilder;
import am.ik.yavi.core.Validator;
import dev.kysera.core.error.ValidationFailedException;
import dev.kysera.core.error.ValidationFailedException.Violation;
import dev.kysera.repository.validation.ValidationSchema;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class YaviValidationTest {

    record Address(String street, String zip) {}

    record Item(String sku, int qty) {}

    record Order(String customer, String email, int age, Address address, List<Item> items) {}

    static final Validator<Address> ADDRESS = ValidatorBuilder.<Address>of()
            .constraint(Address::street, "street", c -> c.notBlank())
            .constraint(Address::zip, "zip", c -> c.notBlank().fixedSize(5))
            .build();

    static final Validator<Item> ITEM = ValidatorBuilder.<Item>of()
            .constraint(Item::sku, "sku", c -> c.notBlank())
            .constraint(Item::qty, "qty", c -> c.greaterThanOrEqual(1))
            .build();

    static final Validator<Order> ORDER = ValidatorBuilder.<Order>of()
            .constraint(Order::customer, "customer", c -> c.notBlank())
            .constraint(Order::email, "email", c -> c.notBlank().email())
            .constraint(Order::age, "age", c -> c.greaterThanOrEqual(18))
            .nest(Order::address, "address", ADDRESS)
            .forEach(Order::items, "items", ITEM)
            .build();

    static Order validOrder() {
        return new Order("Ada", "ada@example.com", 36, new Address("Main St 1", "12345"),
                List.of(new Item("A-1", 1), new Item("B-2", 3)));
    }

    @Test
    void a_valid_value_passes_through_unchanged() {
        ValidationSchema<Order> schema = YaviValidation.schema(ORDER, Locale.ENGLISH);
        Order order = validOrder();

        assertThat(schema.violations(order)).isEmpty();
        assertThat(schema.validate(order)).isSameAs(order);
    }

    @Test
    void every_violation_is_reported_with_its_name_and_message() {
        ValidationSchema<Order> schema = YaviValidation.schema(ORDER, Locale.ENGLISH);
        Order order = new Order(" ", "not-an-email", 17, new Address("", "123"),
                List.of(new Item("A-1", 1), new Item("", 0)));

        assertThatThrownBy(() -> schema.validate(order))
                .isInstanceOfSatisfying(ValidationFailedException.class, e -> {
                    assertThat(e.violations()).extracting(Violation::path).containsExactly(
                            "customer", "email", "age", "address.street", "address.zip", "items[1].sku", "items[1].qty");
                    assertThat(e.violations()).contains(
                            new Violation("customer", "\"customer\" must not be blank"),
                            new Violation("email", "\"email\" must be a valid email address"),
                            new Violation("age", "\"age\" must be greater than or equal to 18"),
                            new Violation("items[1].qty", "\"items[1].qty\" must be greater than or equal to 1"));
                    assertThat(e.getMessage()).startsWith("Validation failed (7 violations): customer: \"customer\" must not be blank;");
                });
    }

    @Test
    void messages_and_names_are_taken_from_yavi_unchanged() {
        Order order = new Order("Ada", "ada@example.com", 36, new Address("Main St 1", "1"), List.of());
        var expected = ORDER.validate(order, Locale.ENGLISH).stream()
                .map(v -> new Violation(v.name(), v.message())).toList();

        assertThat(YaviValidation.schema(ORDER, Locale.ENGLISH).violations(order))
                .isEqualTo(expected)
                .hasSize(1);
    }

    @Test
    void the_default_locale_overload_validates_too() {
        ValidationSchema<Order> schema = YaviValidation.schema(ORDER);

        assertThat(schema.validate(validOrder())).isEqualTo(validOrder());
        assertThat(schema.violations(new Order("", "ada@example.com", 18, new Address("x", "12345"), List.of())))
                .extracting(Violation::path).containsExactly("customer");
    }

    @Test
    void null_is_one_violation_at_the_root_not_an_exception() {
        ValidationSchema<Order> schema = YaviValidation.schema(ORDER);

        assertThat(schema.violations(null)).containsExactly(new Violation("", "must not be null"));
        assertThatThrownBy(() -> schema.validate(null)).isInstanceOf(ValidationFailedException.class);
    }

    @Test
    void a_fail_fast_validator_reports_only_the_first_violation() {
        ValidationSchema<Order> schema = YaviValidation.schema(ORDER.failFast(true), Locale.ENGLISH);

        assertThat(schema.violations(new Order("", "x", 1, new Address("", ""), List.of())))
                .containsExactly(new Violation("customer", "\"customer\" must not be blank"));
    }

    @Test
    void combines_with_lambda_rules() {
        ValidationSchema<Order> schema = YaviValidation.schema(ORDER, Locale.ENGLISH)
                .and(ValidationSchema.rule("", o -> o.items().size() <= 2, "at most 2 items"));
        Order order = new Order("Ada", "ada@example.com", 36, new Address("Main St 1", "12345"),
                List.of(new Item("A", 1), new Item("B", 1), new Item("C", 1)));

        assertThat(schema.violations(order)).containsExactly(new Violation("", "at most 2 items"));
    }

    @Test
    void rejects_null_arguments() {
        assertThatThrownBy(() -> YaviValidation.schema(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> YaviValidation.schema(ORDER, null)).isInstanceOf(NullPointerException.class);
    }
}
