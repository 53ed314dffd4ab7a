package dev.kysera.examples.blog;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** A comment to add to a live post. */
public record NewComment(@Positive long postId, @Positive long authorId, @NotBlank @Size(max = 2000) String body) {
}
