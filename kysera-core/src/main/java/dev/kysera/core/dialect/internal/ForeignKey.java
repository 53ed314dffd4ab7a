package dev.kysera.core.dialect.internal;

/**
 * A foreign key from {@code childSchema.child} to {@code parent} (in the schema being inspected).
 * Internal, not API.
 */
public record ForeignKey(String childSchema, String child, String parent) {
}
