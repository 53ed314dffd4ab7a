/** Health checks, retry, circuit breaking, graceful shutdown and read replicas. */
module dev.kysera.infra {
    requires transitive dev.kysera.executor;
    requires transitive java.sql;
    requires io.github.resilience4j.retry;
    requires io.github.resilience4j.circuitbreaker;
    requires io.github.resilience4j.core;
    requires static com.zaxxer.hikari;

    exports dev.kysera.infra;
}
