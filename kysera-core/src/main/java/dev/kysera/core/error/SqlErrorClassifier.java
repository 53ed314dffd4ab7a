package dev.kysera.core.error;

import static dev.kysera.core.error.Category.CHECK;
import static dev.kysera.core.error.Category.CONNECTION_LOST;
import static dev.kysera.core.error.Category.DATABASE_BUSY;
import static dev.kysera.core.error.Category.DEADLOCK;
import static dev.kysera.core.error.Category.FOREIGN_KEY;
import static dev.kysera.core.error.Category.LOCK_TIMEOUT;
import static dev.kysera.core.error.Category.NOT_NULL;
import static dev.kysera.core.error.Category.QUERY_CANCELLED;
import static dev.kysera.core.error.Category.SERIALIZATION_FAILURE;
import static dev.kysera.core.error.Category.UNCLASSIFIED;
import static dev.kysera.core.error.Category.UNIQUE;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies one driver exception by codes: first the family's vendor-code table, then SQLState,
 * then the JDBC exception type. The tables are the whole knowledge; the code only looks them up.
 */
final class SqlErrorClassifier {

    /** MySQL and MariaDB server error numbers (client-side ones 2002–2055 too). */
    private static final Map<Integer, Category> MYSQL = Map.ofEntries(
            Map.entry(1062, UNIQUE), Map.entry(1586, UNIQUE), Map.entry(1022, UNIQUE),
            Map.entry(1451, FOREIGN_KEY), Map.entry(1452, FOREIGN_KEY), Map.entry(1216, FOREIGN_KEY),
            Map.entry(1217, FOREIGN_KEY),
            Map.entry(1048, NOT_NULL), Map.entry(1364, NOT_NULL), Map.entry(1263, NOT_NULL),
            Map.entry(3819, CHECK), Map.entry(4025, CHECK),
            Map.entry(1213, DEADLOCK),
            Map.entry(1205, LOCK_TIMEOUT), Map.entry(3572, LOCK_TIMEOUT),
            Map.entry(2002, CONNECTION_LOST), Map.entry(2003, CONNECTION_LOST), Map.entry(2006, CONNECTION_LOST),
            Map.entry(2013, CONNECTION_LOST), Map.entry(2055, CONNECTION_LOST), Map.entry(1927, CONNECTION_LOST),
            Map.entry(1053, CONNECTION_LOST),
            Map.entry(1040, DATABASE_BUSY), Map.entry(1203, DATABASE_BUSY),
            Map.entry(1317, QUERY_CANCELLED), Map.entry(1969, QUERY_CANCELLED), Map.entry(3024, QUERY_CANCELLED));

    /** H2's {@code org.h2.api.ErrorCode} values. */
    private static final Map<Integer, Category> H2 = Map.ofEntries(
            Map.entry(23505, UNIQUE),
            Map.entry(23503, FOREIGN_KEY), Map.entry(23506, FOREIGN_KEY),
            Map.entry(23502, NOT_NULL),
            Map.entry(23513, CHECK),
            // CHECK_CONSTRAINT_INVALID: the check could not be evaluated, which is not a violation
            Map.entry(23514, UNCLASSIFIED),
            // H2 reports deadlocks (not serialization failures) as 40001
            Map.entry(40001, DEADLOCK),
            Map.entry(90131, SERIALIZATION_FAILURE),
            Map.entry(50200, LOCK_TIMEOUT),
            Map.entry(90067, CONNECTION_LOST), Map.entry(90098, CONNECTION_LOST), Map.entry(90121, CONNECTION_LOST),
            Map.entry(57014, QUERY_CANCELLED));

    /** SQLite result codes: extended codes where the driver names them, else primary ones. */
    private static final Map<Integer, Category> SQLITE = Map.ofEntries(
            Map.entry(2067, UNIQUE), Map.entry(1555, UNIQUE),
            Map.entry(787, FOREIGN_KEY),
            Map.entry(1299, NOT_NULL),
            Map.entry(275, CHECK),
            Map.entry(5, DATABASE_BUSY), Map.entry(261, DATABASE_BUSY), Map.entry(517, DATABASE_BUSY),
            Map.entry(773, DATABASE_BUSY),
            Map.entry(6, DATABASE_BUSY), Map.entry(262, DATABASE_BUSY), Map.entry(518, DATABASE_BUSY),
            Map.entry(9, QUERY_CANCELLED));

    /**
     * xerial's {@code SQLiteException#getErrorCode()} carries only the primary code (19 for every
     * constraint); the extended code survives only as the symbolic name the driver writes at the
     * start of the message, e.g. {@code [SQLITE_CONSTRAINT_UNIQUE]}. That name is a code, not prose.
     */
    private static final Map<String, Integer> SQLITE_CODE_NAMES = Map.ofEntries(
            Map.entry("SQLITE_CONSTRAINT_UNIQUE", 2067), Map.entry("SQLITE_CONSTRAINT_PRIMARYKEY", 1555),
            Map.entry("SQLITE_CONSTRAINT_FOREIGNKEY", 787), Map.entry("SQLITE_CONSTRAINT_NOTNULL", 1299),
            Map.entry("SQLITE_CONSTRAINT_CHECK", 275), Map.entry("SQLITE_CONSTRAINT_TRIGGER", 1811),
            Map.entry("SQLITE_CONSTRAINT_ROWID", 2579), Map.entry("SQLITE_CONSTRAINT_DATATYPE", 3091),
            Map.entry("SQLITE_BUSY", 5), Map.entry("SQLITE_BUSY_RECOVERY", 261), Map.entry("SQLITE_BUSY_SNAPSHOT", 517),
            Map.entry("SQLITE_BUSY_TIMEOUT", 773), Map.entry("SQLITE_LOCKED", 6),
            Map.entry("SQLITE_LOCKED_SHAREDCACHE", 262), Map.entry("SQLITE_LOCKED_VTAB", 518),
            Map.entry("SQLITE_INTERRUPT", 9));

    private static final Pattern SQLITE_CODE_NAME = Pattern.compile("^\\[(SQLITE_[A-Z_]+)]");

    /** SQL Server error numbers; 547 is handled apart (see {@link #sqlServer547}). */
    private static final Map<Integer, Category> SQLSERVER = Map.ofEntries(
            Map.entry(2627, UNIQUE), Map.entry(2601, UNIQUE),
            Map.entry(515, NOT_NULL),
            Map.entry(1205, DEADLOCK),
            Map.entry(1222, LOCK_TIMEOUT),
            Map.entry(3960, SERIALIZATION_FAILURE),
            Map.entry(233, CONNECTION_LOST), Map.entry(10053, CONNECTION_LOST), Map.entry(10054, CONNECTION_LOST),
            Map.entry(40197, CONNECTION_LOST),
            Map.entry(40501, DATABASE_BUSY), Map.entry(40613, DATABASE_BUSY), Map.entry(49918, DATABASE_BUSY),
            Map.entry(49919, DATABASE_BUSY), Map.entry(49920, DATABASE_BUSY));

    /** SQL Server 547 is both foreign-key and check violation; only the constraint keyword tells them apart. */
    private static final Pattern SQLSERVER_547_KIND =
            Pattern.compile("\\b(FOREIGN KEY|REFERENCE|CHECK) constraint\\b");

    /**
     * SQLStates: the SQL standard ones plus PostgreSQL's own ("P" codes, 55P03, 57xxx, 53300), which
     * no other database reuses with another meaning. Class 08 is handled as a whole.
     */
    private static final Map<String, Category> SQLSTATES = Map.ofEntries(
            Map.entry("23505", UNIQUE), Map.entry("23503", FOREIGN_KEY), Map.entry("23502", NOT_NULL),
            Map.entry("23514", CHECK),
            Map.entry("40001", SERIALIZATION_FAILURE), Map.entry("40P01", DEADLOCK),
            Map.entry("55P03", LOCK_TIMEOUT),
            Map.entry("57P01", CONNECTION_LOST), Map.entry("57P02", CONNECTION_LOST),
            Map.entry("57P03", DATABASE_BUSY), Map.entry("53300", DATABASE_BUSY),
            Map.entry("57014", QUERY_CANCELLED));

    private SqlErrorClassifier() {
    }

    /** The vendor code worth recording: SQLite's extended result code when known, else the driver's. */
    static int vendorCode(DatabaseFamily family, SQLException e) {
        int code = e.getErrorCode();
        if (family == DatabaseFamily.SQLITE && code <= 0xff) {
            Matcher m = SQLITE_CODE_NAME.matcher(String.valueOf(e.getMessage()));
            if (m.find()) {
                Integer extended = SQLITE_CODE_NAMES.get(m.group(1));
                if (extended != null && (extended & 0xff) == code) {
                    return extended;
                }
            }
        }
        return code;
    }

    static Optional<Category> classify(DatabaseFamily family, SQLException e, int vendorCode) {
        Category byVendor = switch (family) {
            case MYSQL -> MYSQL.get(vendorCode);
            case H2 -> H2.get(vendorCode);
            case SQLITE -> SQLITE.get(vendorCode);
            case SQLSERVER -> vendorCode == 547 ? sqlServer547(e.getMessage()) : SQLSERVER.get(vendorCode);
            case POSTGRES, OTHER -> null; // PostgreSQL's vendor code is always 0
        };
        if (byVendor != null) {
            return byVendor == UNCLASSIFIED ? Optional.empty() : Optional.of(byVendor);
        }
        String state = e.getSQLState();
        if (state != null) {
            Category byState = SQLSTATES.get(state);
            if (byState != null) {
                return Optional.of(byState);
            }
            if (state.startsWith("08")) {
                return Optional.of(CONNECTION_LOST);
            }
        }
        return Optional.ofNullable(switch (e) {
            case SQLTransactionRollbackException ignored -> SERIALIZATION_FAILURE;
            case SQLTransientConnectionException ignored -> CONNECTION_LOST;
            case SQLTimeoutException ignored -> QUERY_CANCELLED;
            default -> null;
        });
    }

    /**
     * The one place where message text decides the category: SQL Server raises 547 for both
     * foreign-key and check violations, with the same SQLState (23000) and no other field to tell
     * them apart. The keywords are SQL keywords, which stay untranslated in localized messages.
     */
    private static Category sqlServer547(String message) {
        Matcher m = SQLSERVER_547_KIND.matcher(message == null ? "" : message);
        if (!m.find()) {
            return UNCLASSIFIED;
        }
        return "CHECK".equals(m.group(1)) ? CHECK : FOREIGN_KEY;
    }

    /**
     * The family of a driver exception from its class or the class that threw it. Used only when
     * the caller named no dialect, because vendor codes mean different things per database (1205
     * is a lock timeout on MySQL but a deadlock on SQL Server).
     */
    static DatabaseFamily familyOfDriver(SQLException e) {
        DatabaseFamily byClass = familyOfClassName(e.getClass().getName());
        if (byClass != DatabaseFamily.OTHER) {
            return byClass;
        }
        // MariaDB's driver throws plain java.sql exceptions; the throwing frame still names the driver
        StackTraceElement[] frames = e.getStackTrace();
        for (int i = 0; i < Math.min(frames.length, 3); i++) {
            DatabaseFamily byFrame = familyOfClassName(frames[i].getClassName());
            if (byFrame != DatabaseFamily.OTHER) {
                return byFrame;
            }
        }
        return DatabaseFamily.OTHER;
    }

    static DatabaseFamily familyOfClassName(String className) {
        if (className.startsWith("org.postgresql.") || className.startsWith("com.impossibl.postgres.")) {
            return DatabaseFamily.POSTGRES;
        } else if (className.startsWith("org.h2.")) {
            return DatabaseFamily.H2;
        } else if (className.startsWith("org.sqlite.")) {
            return DatabaseFamily.SQLITE;
        } else if (className.startsWith("org.mariadb.") || className.startsWith("com.mysql.")) {
            return DatabaseFamily.MYSQL;
        } else if (className.startsWith("com.microsoft.sqlserver.") || className.startsWith("net.sourceforge.jtds.")) {
            return DatabaseFamily.SQLSERVER;
        }
        return DatabaseFamily.OTHER;
    }
}
