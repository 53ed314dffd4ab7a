package dev.kysera.rls;

/** {@link DecisionSink#logger()}: one structured line per decision. */
final class LoggingDecisionSink implements DecisionSink {

    static final LoggingDecisionSink INSTANCE = new LoggingDecisionSink();

    private static final System.Logger LOG = System.getLogger("dev.kysera.rls.decisions");

    private LoggingDecisionSink() {
    }

    @Override
    public void record(RlsDecision d) {
        System.Logger.Level level = d.outcome() == RlsDecision.Outcome.DENIED ? System.Logger.Level.WARNING : System.Logger.Level.INFO;
        if (LOG.isLoggable(level)) {
            LOG.log(level, line(d));
        }
    }

    static String line(RlsDecision d) {
        return "rls " + d.outcome().name().toLowerCase(java.util.Locale.ROOT) + " table=" + d.table() + " operation="
                + d.operation().name().toLowerCase(java.util.Locale.ROOT) + " statement=" + d.statement() + " user=" + d.userId()
                + " tenant=" + d.tenantId() + " roles=" + d.roles() + " policies=" + d.policies() + " reason=\"" + d.reason() + "\"";
    }
}
