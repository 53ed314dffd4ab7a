package dev.kysera.core.error;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Optional hook for drivers that expose constraint names through their own API, which Kysera core
 * cannot call without depending on the driver. Example for PostgreSQL, where the message text
 * lacks the table of a unique violation and is translated when the server's {@code lc_messages}
 * is not English:
 *
 * <pre>{@code
 * ErrorTranslator translator = ErrorTranslator.withExtractor((e, family) ->
 *         e instanceof PSQLException p && p.getServerErrorMessage() != null
 *                 ? Optional.of(ConstraintNames.of(p.getServerErrorMessage().getTable(),
 *                         p.getServerErrorMessage().getConstraint(),
 *                         p.getServerErrorMessage().getColumn() == null ? List.of()
 *                                 : List.of(p.getServerErrorMessage().getColumn()), null))
 *                 : Optional.empty());
 * }</pre>
 *
 * Parts the hook returns win; parts it leaves empty are still taken from the message. A hook that
 * throws is ignored.
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
