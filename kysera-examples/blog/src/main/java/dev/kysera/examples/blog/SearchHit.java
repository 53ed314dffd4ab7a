package dev.kysera.examples.blog;

/** A published post matching a search, with its author's name. */
public record SearchHit(long postId, String title, String author) {
}
