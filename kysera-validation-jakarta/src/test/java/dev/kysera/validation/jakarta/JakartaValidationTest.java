package dev.kysera.validation.jakarta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.error.ValidationFailedException;
import dev.kysera.core.error.ValidationFailedException.Violation;
import dev.kysera.repository.validation.ValidationSchema;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.validation.groups.Default;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JakartaValidationTest {

    record Address(@NotBlank String street, @NotBlank @Size(min = 5, max = 5) String zip) {}

    record Item(@NotBlank String sku, @Min(1) int qty) {}

    record Order(
            @NotBlank String customer,
            @NotBlank @Email String email,
            @NotNull @Valid Address address,
            @Size(min = 1, max = 3) List<@Valid Item> items,
            List<@NotBlank String> tags) {}

    interface OnUpdate {}

    record Account(@NotNull(groups = OnUpdate.class) Long id, @NotBlank String name) {}

    record Period(int from, int to) {
        @AssertTrue(message = "from must not be after to")
        boolean isOrdered() {
            return from <= to;
        }
    }

    record Bag(Map<@NotBlank String, @Min(0) Integer> counts, Optional<@NotBlank String> note) {}

    static {
        // Messages are interpolated in the JVM's default locale; the assertions are in English.
        Locale.setDefault(Locale.ENGLISH);
    }

    static ValidatorFactory factory;
    static Validator validator;

    @BeforeAll
    static void startFactory() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void closeFactory() {
        factory.close();
    }

    static Order validOrder() {
        return new Order("Ada", "ada@example.com", new Address("Main St 1", "12345"),
                List.of(new Item("A-1", 1), new Item("B-2", 4)), List.of("new", "vip"));
    }

    @Test
    void a_valid_value_passes_through_unchanged() {
        ValidationSchema<Order> schema = JakartaValidation.schema(validator);
        Order order = validOrder();

        assertThat(schema.violations(order)).isEmpty();
        assertThat(schema.validate(order)).isSameAs(order);
    }

    @Test
    void every_violation_is_reported_with_its_path_sorted_by_path() {
        ValidationSchema<Order> schema = JakartaValidation.schema(validator);
        Order order = new Order(" ", "not-an-email", new Address("", "123"),
                List.of(new Item("A-1", 1), new Item("", 1), new Item("C-3", 0)), List.of("ok", " "));

        assertThatThrownBy(() -> schema.validate(order))
                .isInstanceOfSatisfying(ValidationFailedException.class, e -> {
                    assertThat(e.code()).isEqualTo(ValidationFailedException.CODE);
                    assertThat(e.violations()).containsExactly(
                            new Violation("address.street", "must not be blank"),
                            new Violation("address.zip", "size must be between 5 and 5"),
                            new Violation("customer", "must not be blank"),
                            new Violation("email", "must be a well-formed email address"),
                            new Violation("items[1].sku", "must not be blank"),
                            new Violation("items[2].qty", "must be greater than or equal to 1"),
                            new Violation("tags[1]", "must not be blank"));
                    assertThat(e.getMessage()).startsWith("Validation failed (7 violations): address.street: must not be blank;");
                });
    }

    @Test
    void several_violations_on_one_path_are_all_reported_in_a_stable_order() {
        ValidationSchema<Order> schema = JakartaValidation.schema(validator);
        Order order = new Order("Ada", "", new Address("Main St 1", "12345"), List.of(), List.of());

        assertThat(schema.violations(order)).containsExactly(
                new Violation("email", "must not be blank"),
                new Violation("items", "size must be between 1 and 3"));
        Order blank = new Order("Ada", "ada@example.com", new Address("Main St 1", " "), List.of(new Item("A", 1)), List.of());
        assertThat(schema.violations(blank)).containsExactly(
                new Violation("address.zip", "must not be blank"),
                new Violation("address.zip", "size must be between 5 and 5"));
    }

    @Test
    void a_null_nested_bean_is_reported_once_at_its_property() {
        ValidationSchema<Order> schema = JakartaValidation.schema(validator);
        Order order = new Order("Ada", "ada@example.com", null, List.of(new Item("A", 1)), List.of());

        assertThat(schema.violations(order)).containsExactly(new Violation("address", "must not be null"));
    }

    @Test
    void groups_select_which_constraints_run() {
        Account unsaved = new Account(null, "");

        assertThat(JakartaValidation.<Account>schema(validator).violations(unsaved))
                .containsExactly(new Violation("name", "must not be blank"));
        assertThat(JakartaValidation.<Account>schema(validator, OnUpdate.class).violations(unsaved))
                .containsExactly(new Violation("id", "must not be null"));
        assertThat(JakartaValidation.<Account>schema(validator, Default.class, OnUpdate.class).violations(unsaved))
                .containsExactly(new Violation("id", "must not be null"), new Violation("name", "must not be blank"));
    }

    @Test
    void a_constraint_on_a_getter_is_reported_at_its_property() {
        ValidationSchema<Period> schema = JakartaValidation.schema(validator);

        assertThat(schema.violations(new Period(1, 2))).isEmpty();
        assertThat(schema.violations(new Period(3, 2)))
                .containsExactly(new Violation("ordered", "from must not be after to"));
    }

    @Test
    void map_keys_map_values_and_optionals_get_readable_paths() {
        ValidationSchema<Bag> schema = JakartaValidation.schema(validator);

        assertThat(schema.violations(new Bag(Map.of("apples", 3), Optional.of("fine")))).isEmpty();
        assertThat(schema.violations(new Bag(Map.of("apples", -1), Optional.of(" "))))
                .containsExactly(new Violation("counts[apples]", "must be greater than or equal to 0"),
                        new Violation("note", "must not be blank"));
        assertThat(schema.violations(new Bag(Map.of(" ", 1), Optional.of("fine"))))
                .containsExactly(new Violation("counts[ ].<map key>", "must not be blank"));
        // An empty Optional is unwrapped to null, which @NotBlank rejects.
        assertThat(schema.violations(new Bag(Map.of(), Optional.empty())))
                .containsExactly(new Violation("note", "must not be blank"));
    }

    @Test
    void paths_match_the_providers_own_rendering_minus_container_placeholders() {
        Order order = new Order("Ada", "ada@example.com", new Address("x", "12345"),
                List.of(new Item("A", 1), new Item("B", 1), new Item("C", 0)), List.of("ok", ""));
        var raw = validator.validate(order).stream()
                .map(v -> v.getPropertyPath().toString()).sorted().toList();

        // Hibernate Validator's Path.toString() names the list element node; the adapter drops that placeholder.
        assertThat(raw).containsExactly("items[2].qty", "tags[1].<list element>");
        assertThat(JakartaValidation.<Order>schema(validator).violations(order))
                .extracting(Violation::path).containsExactly("items[2].qty", "tags[1]");
    }

    @Test
    void null_is_one_violation_at_the_root_not_an_exception() {
        ValidationSchema<Order> schema = JakartaValidation.schema(validator);

        assertThat(schema.violations(null)).containsExactly(new Violation("", "must not be null"));
        assertThatThrownBy(() -> schema.validate(null)).isInstanceOf(ValidationFailedException.class)
                .hasMessage("Validation failed (1 violation): must not be null");
    }

    @Test
    void the_default_validator_is_built_once_and_shared() {
        assertThat(JakartaValidation.defaultValidator()).isSameAs(JakartaValidation.defaultValidator());
        ValidationSchema<Order> schema = JakartaValidation.schema();

        assertThat(schema.validate(validOrder())).isEqualTo(validOrder());
        assertThat(schema.violations(new Order("", "ada@example.com", new Address("x", "12345"), List.of(new Item("A", 1)), List.of())))
                .containsExactly(new Violation("customer", "must not be blank"));
    }

    @Test
    void combines_with_lambda_rules() {
        ValidationSchema<Order> schema = JakartaValidation.<Order>schema(validator)
                .and(ValidationSchema.field("customer", Order::customer, c -> c == null || !c.equals("root"), "is reserved"));

        assertThat(schema.violations(new Order("root", "x", new Address("x", "12345"), List.of(new Item("A", 1)), List.of())))
                .containsExactly(new Violation("email", "must be a well-formed email address"),
                        new Violation("customer", "is reserved"));
    }

    @Test
    void rejects_null_arguments() {
        assertThatThrownBy(() -> JakartaValidation.schema(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> JakartaValidation.schema(validator, (Class<?>) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> JakartaValidation.schema(validator, (Class<?>[]) null)).isInstanceOf(NullPointerException.class);
    }
}
