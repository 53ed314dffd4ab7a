package dev.kysera.spring.internal;

import java.util.function.Consumer;

/** Copies set properties onto option builders; unset ones keep the module's default. */
public final class Properties {

    private Properties() {
    }

    /** Passes {@code value} to {@code setter} unless it is null (the property was not set). */
    public static <T> void ifSet(T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }
}
