package dev.kysera.validation.jakarta;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.error.ValidationFailedException;
import dev.kysera.repository.validation.ValidationSchema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The example in README.md, kept runnable. */
class ReadmeExampleTest {

    static {
        Locale.setDefault(Locale.ENGLISH);
    }

    record Address(@NotBlank String street, @Size(min = 5, max = 5) String zip) {}

    record NewUser(@NotBlank String name, @NotBlank @Email String email, @Min(18) int age,
            @NotNull @Valid Address address, List<@NotBlank String> tags) {}

    @Test
    void readme_example() {
        ValidationSchema<NewUser> schema = JakartaValidation.schema();

        assertThatThrownBy(() -> schema.validate(new NewUser("", "nope", 17, new Address("Main St 1", "123"), List.of("ok", " "))))
                .isInstanceOf(ValidationFailedException.class)
                .hasMessage("Validation failed (5 violations): address.zip: size must be between 5 and 5; "
                        + "age: must be greater than or equal to 18; email: must be a well-formed email address; "
                        + "name: must not be blank; tags[1]: must not be blank");
    }
}
