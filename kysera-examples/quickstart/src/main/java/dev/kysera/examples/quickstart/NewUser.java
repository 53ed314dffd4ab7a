package dev.kysera.examples.quickstart;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** What a sign-up form sends: validated with Jakarta Bean Validation before any SQL runs. */
public record NewUser(@NotBlank @Email String email, @NotBlank @Size(max = 100) String name) {
}
