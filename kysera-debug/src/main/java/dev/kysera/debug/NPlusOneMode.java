package dev.kysera.debug;

/** What the {@link NPlusOneDetector} does with a finding. Every mode also keeps it in {@link NPlusOneDetector#findings()}. */
public enum NPlusOneMode {
    /** Logs it at the end of the unit of work, with the final count. */
    LOG,
    /** Only keeps it, at the end of the unit of work. */
    COLLECT,
    /** Refuses the statement that would cross the threshold, before it is sent, with {@link NPlusOneException} (for tests). */
    THROW
}
