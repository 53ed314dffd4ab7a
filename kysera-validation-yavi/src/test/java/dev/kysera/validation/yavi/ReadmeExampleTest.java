package dev.kysera.validation.yavi;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import am.ik.yavi.builder.ValidatorBuilder;
import am.ik.yavi.core.Validator;
import dev.kysera.core.error.ValidationFailedException;
import dev.kysera.repository.validation.ValidationSchema;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The example in README.md, kept runnable. */
class ReadmeExampleTest {

    record Address(String street, String zip) {}

    record NewUser(String name, String email, int age, Address address) {}

    @Test
    void readme_example() {
        Validator<Address> address = ValidatorBuilder.<Address>of()
                .constraint(Address::street, "street", c -> c.notBlank())
                .constraint(Address::zip, "zip", c -> c.notBlank().fixedSize(5))
                .build();
        Validator<NewUser> validator = ValidatorBuilder.<NewUser>of()
                .constraint(NewUser::name, "name", c -> c.notBlank())
                .constraint(NewUser::email, "email", c -> c.notBlank().email())
                .constraint(NewUser::age, "age", c -> c.greaterThanOrEqual(18))
                .nest(NewUser::address, "address", address)
                .build();

        ValidationSchema<NewUser> schema = YaviValidation.schema(validator, Locale.ENGLISH);

        assertThatThrownBy(() -> schema.validate(new NewUser("", "nope", 17, new Address("Main St 1", "123"))))
                .isInstanceOf(ValidationFailedException.class)
                .hasMessage("Validation failed (4 violations): name: \"name\" must not be blank; "
                        + "email: \"email\" must be a valid email address; age: \"age\" must be greater than or equal to 18; "
                        + "address.zip: The size of \"address.zip\" must be 5. The given size is 3");
    }
}
