package dev.kysera.core.page;

/** The direction of one {@link SortKey}: ascending or descending. */
public enum SortDirection {
    /** Smallest value first. */
    ASC,
    /** Largest value first. */
    DESC;

    /**
     * The opposite direction.
     *
     * @return {@link #DESC} for {@link #ASC} and the other way round
     */
    public SortDirection reversed() {
        return this == ASC ? DESC : ASC;
    }
}
