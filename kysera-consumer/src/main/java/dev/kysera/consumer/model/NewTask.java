package dev.kysera.consumer.model;

/** A task as the application creates it. */
public record NewTask(String title, String status) {
}
