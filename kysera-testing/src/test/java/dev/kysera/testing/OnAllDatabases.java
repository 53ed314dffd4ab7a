package dev.kysera.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A composed {@link DatabaseTest} on all four databases, in {@link Database} order, so that
 * {@link Kit#runOn} can pick one by its ordinal; also shows that composed annotations work.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@DatabaseTest({Database.SQLITE, Database.H2, Database.POSTGRES, Database.MARIADB})
@interface OnAllDatabases {
}
