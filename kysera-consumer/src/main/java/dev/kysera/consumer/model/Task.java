package dev.kysera.consumer.model;

/** A task as the application reads it. */
public record Task(Integer id, String title, String status) {
}
