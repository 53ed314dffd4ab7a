package dev.kysera.examples.blog;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A sign-up: validated with Bean Validation before any SQL runs. */
public record NewUser(@NotBlank @Email @Size(max = 255) String email, @NotBlank @Size(max = 100) String name) {
}
