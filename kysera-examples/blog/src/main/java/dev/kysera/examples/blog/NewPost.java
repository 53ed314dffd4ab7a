package dev.kysera.examples.blog;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** A draft to write: the author and the text. */
public record NewPost(@Positive long authorId, @NotBlank @Size(max = 200) String title, @NotBlank @Size(max = 20_000) String body) {
}
