/** Query log, profiler, N+1 detection, SQL formatting and an HTML report over executed statements. */
module dev.kysera.debug {
    requires transitive dev.kysera.executor;

    exports dev.kysera.debug;
}
