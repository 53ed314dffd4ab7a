package dev.kysera.examples.blog;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A new title and body for a post. */
public record PostEdit(@NotBlank @Size(max = 200) String title, @NotBlank @Size(max = 20_000) String body) {
}
