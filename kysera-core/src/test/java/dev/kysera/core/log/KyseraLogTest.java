package dev.kysera.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KyseraLogTest {

    @Test
    void loggers_are_named_after_their_class_under_the_kysera_root() {
        Logger logger = KyseraLog.logger(KyseraLogTest.class);
        assertThat(logger.getName()).isEqualTo("dev.kysera.core.log.KyseraLogTest").startsWith(KyseraLog.ROOT);
        assertThatThrownBy(() -> KyseraLog.logger(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void messages_are_built_only_when_the_level_is_enabled() {
        Logger logger = KyseraLog.logger(KyseraLogTest.class);
        for (Level level : new Level[] {Level.TRACE, Level.DEBUG, Level.INFO, Level.WARNING}) {
            AtomicInteger built = new AtomicInteger();
            boolean written = KyseraLog.log(logger, level, () -> "message " + built.incrementAndGet());
            assertThat(written).as(level.name()).isEqualTo(logger.isLoggable(level));
            assertThat(built.get()).as(level.name()).isEqualTo(written ? 1 : 0);
        }
    }

    @Test
    void java_util_logging_defaults_keep_trace_quiet_and_warnings_on() {
        // Without a bridge on the class path System.Logger goes to java.util.logging, whose default
        // level is INFO: the lazy path above was exercised for both outcomes.
        Logger logger = KyseraLog.logger(KyseraLogTest.class);
        assertThat(logger.isLoggable(Level.TRACE)).isFalse();
        assertThat(logger.isLoggable(Level.WARNING)).isTrue();
    }
}
