package dev.kysera.core.dialect;

import dev.kysera.core.error.BadRequestException;
import java.util.regex.Pattern;
import org.jooq.SQLDialect;

/**
 * Validation of table, column and schema names before they reach any SQL. A valid identifier
 * matches {@code ^[A-Za-z_][A-Za-z0-9_]*$} and is no longer than the dialect's
 * {@link DialectCapabilities#maxIdentifierLength()}. Valid names are still rendered as quoted jOOQ
 * names ({@code DSL.name(...)}), never concatenated into SQL; validation is the first of two fences.
 */
public final class Identifiers {

    /** The accepted shape of an identifier. */
    public static final Pattern PATTERN = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");

    private Identifiers() {
    }

    /**
     * Whether {@code name} is a valid identifier on {@code dialect}.
     *
     * @param name the name to check; null is not valid
     * @param dialect the dialect whose length limit applies, not null
     * @return true if the name has the accepted shape and length
     * @throws UnsupportedDialectException for {@code DEFAULT} or an unsupported dialect
     */
    public static boolean isValid(String name, SQLDialect dialect) {
        return name != null
                && name.length() <= DialectCapabilities.of(dialect).maxIdentifierLength()
                && PATTERN.matcher(name).matches();
    }

    /**
     * Returns {@code name} if it is a valid identifier on {@code dialect}.
     *
     * @param name the name to check
     * @param dialect the dialect whose length limit applies, not null
     * @param kind what the name names, for the message: "table", "column", "schema"
     * @return {@code name}
     * @throws BadRequestException if it is null, too long or not of the accepted shape
     * @throws UnsupportedDialectException for {@code DEFAULT} or an unsupported dialect
     */
    public static String requireValid(String name, SQLDialect dialect, String kind) {
        if (name == null) {
            throw new BadRequestException("Invalid " + kind + " name: null");
        }
        int max = DialectCapabilities.of(dialect).maxIdentifierLength();
        if (name.length() > max) {
            throw new BadRequestException("Invalid " + kind + " name '" + Dialects.abbreviate(name) + "': longer than "
                    + max + " characters, the limit on " + dialect.family());
        }
        if (!PATTERN.matcher(name).matches()) {
            throw new BadRequestException("Invalid " + kind + " name '" + Dialects.abbreviate(name)
                    + "': only letters, digits and underscores are allowed, not starting with a digit");
        }
        return name;
    }
}
