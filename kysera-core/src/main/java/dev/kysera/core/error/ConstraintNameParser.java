package dev.kysera.core.error;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pulls table, constraint and column names out of a driver's message, after classification has
 * already happened by code. Patterns target the English messages; a localized or unexpected
 * message yields {@link ConstraintNames#NONE}, never a wrong category. Patterns avoid the parts
 * that echo row values (PostgreSQL's "Failing row", MySQL's "Duplicate entry '…'", H2's VALUES).
 */
final class ConstraintNameParser {

    /** One way a message names things: a pattern and how its groups become names. */
    private record Rule(Category category, Pattern pattern, Function<Matcher, ConstraintNames> names) {
        Rule(Category category, String regex, Function<Matcher, ConstraintNames> names) {
            this(category, Pattern.compile(regex, Pattern.MULTILINE), names);
        }
    }

    private static final List<Rule> POSTGRES = List.of(
            new Rule(Category.UNIQUE, "unique constraint \"([^\"]+)\"(?s:.*?)Key \\((.+?)\\)=\\(",
                    m -> names(null, m.group(1), columns(m.group(2)), null)),
            new Rule(Category.UNIQUE, "unique constraint \"([^\"]+)\"", m -> names(null, m.group(1), List.of(), null)),
            // the parent-side form (delete or update of a referenced row) comes first: it is the longer one
            new Rule(Category.FOREIGN_KEY,
                    "on table \"([^\"]+)\" violates foreign key constraint \"([^\"]+)\" on table \"([^\"]+)\"",
                    m -> names(m.group(3), m.group(2), List.of(), m.group(1))),
            new Rule(Category.FOREIGN_KEY,
                    "on table \"([^\"]+)\" violates foreign key constraint \"([^\"]+)\"(?s:.*?)Key \\((.+?)\\)=\\(.*is not present in table \"([^\"]+)\"\\.?$",
                    m -> names(m.group(1), m.group(2), columns(m.group(3)), m.group(4))),
            new Rule(Category.FOREIGN_KEY, "on table \"([^\"]+)\" violates foreign key constraint \"([^\"]+)\"",
                    m -> names(m.group(1), m.group(2), List.of(), null)),
            new Rule(Category.NOT_NULL, "null value in column \"([^\"]+)\"(?: of relation \"([^\"]+)\")?",
                    m -> names(m.group(2), null, List.of(m.group(1)), null)),
            new Rule(Category.CHECK, "relation \"([^\"]+)\" violates check constraint \"([^\"]+)\"",
                    m -> names(m.group(1), m.group(2), List.of(), null)),
            new Rule(Category.CHECK, "check constraint \"([^\"]+)\"(?: of relation \"([^\"]+)\")?",
                    m -> names(m.group(2), m.group(1), List.of(), null)));

    private static final List<Rule> H2 = List.of(
            // A primary key H2 keeps as the row key ("users_pk PRIMARY KEY ON users(id)") is named apart from other indexes.
            new Rule(Category.UNIQUE, "violation: \"(?:(\\S+) )?(?:PRIMARY KEY|INDEX \\S+) ON (\\S+?)\\(([^)]*)\\)",
                    m -> names(unqualified(m.group(2)), unqualified(m.group(1)), h2Columns(m.group(3)), null)),
            new Rule(Category.FOREIGN_KEY, "violation: \"([^\":]+): (\\S+) FOREIGN KEY\\(([^)]*)\\) REFERENCES (\\S+?)\\(",
                    m -> names(unqualified(m.group(2)), m.group(1), columns(m.group(3)), unqualified(m.group(4)))),
            new Rule(Category.NOT_NULL, "NULL not allowed for column \"([^\"]+)\"",
                    m -> names(null, null, List.of(m.group(1)), null)),
            new Rule(Category.CHECK, "Check constraint violation: \"([^\":]+):",
                    m -> names(null, m.group(1), List.of(), null)));

    private static final List<Rule> MYSQL = List.of(
            // MySQL 8 qualifies the key as table.key, MariaDB does not; anchored at the end because the
            // duplicated value comes first and may contain anything
            new Rule(Category.UNIQUE, "for key '(?:([^'.]+)\\.)?([^']+)'\\s*$", m -> names(m.group(1), m.group(2), List.of(), null)),
            new Rule(Category.UNIQUE, "duplicate key in table '([^']+)'", m -> names(m.group(1), null, List.of(), null)),
            new Rule(Category.FOREIGN_KEY,
                    "`([^`]+)`, CONSTRAINT `([^`]+)` FOREIGN KEY \\(([^)]+)\\) REFERENCES `([^`]+)`",
                    m -> names(m.group(1), m.group(2), columns(m.group(3)), m.group(4))),
            new Rule(Category.NOT_NULL, "(?:Column|Field|NOT NULL column) '([^']+)'",
                    m -> names(null, null, List.of(m.group(1)), null)),
            new Rule(Category.CHECK, "Check constraint '([^']+)' is violated", m -> names(null, m.group(1), List.of(), null)),
            new Rule(Category.CHECK, "CONSTRAINT `([^`]+)` failed for `[^`]*`\\.`([^`]+)`",
                    m -> names(m.group(2), m.group(1), List.of(), null)));

    private static final List<Rule> SQLITE = List.of(
            new Rule(Category.UNIQUE, "UNIQUE constraint failed: ([^()]+?)\\)?$", m -> sqliteColumns(m.group(1))),
            new Rule(Category.NOT_NULL, "NOT NULL constraint failed: ([^()]+?)\\)?$", m -> sqliteColumns(m.group(1))),
            // unnamed checks are reported by their expression, which is not a name
            new Rule(Category.CHECK, "CHECK constraint failed: ([A-Za-z_][\\w$]*)\\)?$",
                    m -> names(null, m.group(1), List.of(), null)));

    private static final List<Rule> SQLSERVER = List.of(
            new Rule(Category.UNIQUE, "constraint '([^']+)'\\. Cannot insert duplicate key in object '([^']+)'",
                    m -> names(unqualified(m.group(2)), m.group(1), List.of(), null)),
            new Rule(Category.UNIQUE, "duplicate key row in object '([^']+)' with unique index '([^']+)'",
                    m -> names(unqualified(m.group(1)), m.group(2), List.of(), null)),
            // child-side: the named table and column are the parent's
            new Rule(Category.FOREIGN_KEY, "FOREIGN KEY constraint \"([^\"]+)\"\\. The conflict occurred in database \"[^\"]*\", table \"([^\"]+)\"",
                    m -> names(null, m.group(1), List.of(), unqualified(m.group(2)))),
            // parent-side: the named table and column are the child's
            new Rule(Category.FOREIGN_KEY, "REFERENCE constraint \"([^\"]+)\"\\. The conflict occurred in database \"[^\"]*\", table \"([^\"]+)\"(?:, column '([^']+)')?",
                    m -> names(unqualified(m.group(2)), m.group(1), optional(m.group(3)), null)),
            new Rule(Category.CHECK, "CHECK constraint \"([^\"]+)\"\\. The conflict occurred in database \"[^\"]*\", table \"([^\"]+)\"(?:, column '([^']+)')?",
                    m -> names(unqualified(m.group(2)), m.group(1), optional(m.group(3)), null)),
            new Rule(Category.NOT_NULL, "NULL into column '([^']+)', table '([^']+)'",
                    m -> names(unqualified(m.group(2)), null, List.of(m.group(1)), null)));

    private ConstraintNameParser() {
    }

    static ConstraintNames parse(DatabaseFamily family, Category category, SQLException e) {
        if (!category.isConstraint()) {
            return ConstraintNames.NONE;
        }
        String message = e.getMessage();
        if (message == null) {
            return ConstraintNames.NONE;
        }
        List<Rule> rules = switch (family) {
            case POSTGRES -> POSTGRES;
            case H2 -> H2;
            case MYSQL -> MYSQL;
            case SQLITE -> SQLITE;
            case SQLSERVER -> SQLSERVER;
            case OTHER -> List.of();
        };
        String text = family == DatabaseFamily.H2 ? beforeSqlStatement(message) : message;
        for (Rule rule : rules) {
            if (rule.category() == category) {
                Matcher m = rule.pattern().matcher(text);
                if (m.find()) {
                    return rule.names().apply(m);
                }
            }
        }
        return ConstraintNames.NONE;
    }

    /** H2 appends the SQL text, with its literals, after this marker; names never come from there. */
    private static String beforeSqlStatement(String message) {
        int at = message.indexOf("; SQL statement:");
        return at < 0 ? message : message.substring(0, at);
    }

    private static ConstraintNames names(String table, String constraint, List<String> columns, String referenced) {
        return ConstraintNames.of(table, constraint, columns, referenced);
    }

    private static List<String> optional(String column) {
        return column == null ? List.of() : List.of(column);
    }

    private static List<String> columns(String list) {
        return Arrays.stream(list.split(",")).map(c -> c.strip().replace("`", "").replace("\"", "")).toList();
    }

    /** H2 index columns carry ordering words: {@code email NULLS FIRST}, {@code id DESC}. */
    private static List<String> h2Columns(String list) {
        return columns(list).stream().map(c -> c.split("\\s+")[0]).toList();
    }

    /** SQLite names columns as {@code table.column, table.column}. */
    private static ConstraintNames sqliteColumns(String list) {
        String table = null;
        List<String> qualified = columns(list);
        List<String> columns = new java.util.ArrayList<>();
        for (String name : qualified) {
            int dot = name.lastIndexOf('.');
            if (dot > 0) {
                table = name.substring(0, dot);
            }
            columns.add(name.substring(dot + 1));
        }
        return names(table, null, columns, null);
    }

    /** {@code db.dbo.users}, {@code public.users} → {@code users}. */
    private static String unqualified(String name) {
        if (name == null) {
            return null;
        }
        String bare = name.replace("\"", "").replace("[", "").replace("]", "");
        return bare.substring(bare.lastIndexOf('.') + 1);
    }
}
