package dev.kysera.debug;

import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@code System.Logger} that keeps what it is given, from a minimum level on. */
final class CapturingLogger implements System.Logger {

    final List<String> messages = new CopyOnWriteArrayList<>();
    final List<Throwable> thrown = new CopyOnWriteArrayList<>();
    private final Level minimum;

    CapturingLogger(Level minimum) {
        this.minimum = minimum;
    }

    @Override
    public String getName() {
        return "capturing";
    }

    @Override
    public boolean isLoggable(Level level) {
        return level.getSeverity() >= minimum.getSeverity();
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        if (isLoggable(level)) {
            messages.add(level.name() + " " + msg);
            if (thrown != null) {
                this.thrown.add(thrown);
            }
        }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        if (isLoggable(level)) {
            messages.add(level.name() + " " + (params == null || params.length == 0 ? format
                    : java.text.MessageFormat.format(format, params)));
        }
    }
}
