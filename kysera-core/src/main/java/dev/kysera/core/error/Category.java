package dev.kysera.core.error;

/** What a driver exception means, before it becomes an exception type. */
enum Category {
    UNIQUE,
    FOREIGN_KEY,
    NOT_NULL,
    CHECK,
    SERIALIZATION_FAILURE,
    DEADLOCK,
    LOCK_TIMEOUT,
    CONNECTION_LOST,
    DATABASE_BUSY,
    QUERY_CANCELLED,
    /** Known to mean none of the above, even though a generic rule would say otherwise. */
    UNCLASSIFIED;

    boolean isConstraint() {
        return this == UNIQUE || this == FOREIGN_KEY || this == NOT_NULL || this == CHECK;
    }
}
