/** The executor: a jOOQ context whose plugins plan, rewrite and observe every statement, and its transactions. */
module dev.kysera.executor {
    requires transitive dev.kysera.core;

    exports dev.kysera.executor;
    exports dev.kysera.executor.plan;
}
