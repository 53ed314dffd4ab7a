/** Micrometer observations of statements and transactions, with OpenTelemetry database conventions. */
module dev.kysera.micrometer {
    requires transitive dev.kysera.executor;
    requires dev.kysera.debug;
    requires transitive micrometer.observation;
    requires transitive micrometer.commons;
    requires static micrometer.core;

    exports dev.kysera.micrometer;
}
