package dev.kysera.micrometer;

import static dev.kysera.micrometer.DbObservationDocumentation.NONE;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/** What the default conventions share: name validation and the keys saying which database was used. */
final class TargetKeys {

    private TargetKeys() {
    }

    static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("The observation name must not be blank, was " + (name == null ? "null" : "'" + name + "'"));
        }
        return name;
    }

    /** {@code db.system.name}, {@code db.namespace}, {@code server.address} and {@code server.port}, {@value DbObservationDocumentation#NONE} when unknown. */
    static KeyValues of(String dbSystemName, DatabaseTarget target) {
        return KeyValues.of(
                KeyValue.of("db.system.name", dbSystemName),
                KeyValue.of("db.namespace", target.namespaceName().orElse(NONE)),
                KeyValue.of("server.address", target.serverAddress().orElse(NONE)),
                KeyValue.of("server.port", target.serverPort().isPresent() ? Integer.toString(target.serverPort().getAsInt()) : NONE));
    }
}
