package dev.kysera.examples;

import java.io.PrintStream;

/** Prints an example's numbered steps and what each did. Not thread-safe: one per run. */
public final class Narrator {

    private final PrintStream out;
    private int steps;

    /** A narrator printing to {@code out}. */
    public Narrator(PrintStream out) {
        this.out = out;
    }

    /** Starts the next numbered step. */
    public void step(String text) {
        out.println();
        out.println((++steps) + ". " + text);
    }

    /** Tells what the current step did, indented. */
    public void say(String text) {
        out.println("   " + text);
    }

    /** Prints text as it is (e.g. a report). */
    public void print(String text) {
        out.print(text);
    }
}
