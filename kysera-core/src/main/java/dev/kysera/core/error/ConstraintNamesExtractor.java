package dev.kysera.core.error;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Optional hook for drivers that expose constraint names through their own API, which Kysera core
 * cannot call without depending on the driver. PostgreSQL's error fields are read without one
 * (see {@link ErrorTranslator#standard()}); a hook serves other drivers, or overrides names. For
 * example, to read a vendor exception that carries the constraint name as a property:
 *
 * <pre>{@code
 * ErrorTranslator translator = ErrorTranslator.withExtractor((e, family) ->
 *         e instanceof VendorSqlException v
 *                 ? Optional.of(ConstraintNames.of(v.tableName(), v.constraintName(), List.of(), null))
 *                 : Optional.empty());
 * }</pre>
 *
 * Parts the hook returns win; parts it leaves empty are still taken from the driver fields Kysera
 * knows and then from the message. A hook that throws is ignored.
 */
@FunctionalInterface
public interface ConstraintNamesExtractor {

    /**
     * Names for this driver exception, or empty to rely on message parsing alone.
     *
     * @param exception one driver exception of the failure's cause chain, never null
     * @param family    the family the translator classified the exception under, never null
     * @return the names the driver's API exposes, or empty
     */
    Optional<ConstraintNames> extract(SQLException exception, DatabaseFamily family);
}
