package dev.kysera.migrations.internal;

import java.util.ArrayList;
import java.util.List;
import org.jooq.SQLDialect;

/**
 * Splits SQL text into statements at semicolons that are outside quotes ({@code '…'}, {@code "…"},
 * {@code `…`}), comments ({@code --}, {@code /* … *}{@code /}) and PostgreSQL dollar quotes
 * ({@code $tag$ … $tag$}). Inside single quotes a backslash escapes on MariaDB/MySQL only.
 * Comments before a statement's first code are dropped, and so are pieces that hold nothing else.
 */
final class SqlSplitter {

    private SqlSplitter() {
    }

    static List<String> split(String sql, SQLDialect dialect) {
        boolean backslashEscapes = dialect == SQLDialect.MARIADB || dialect == SQLDialect.MYSQL;
        boolean dollarQuotes = dialect == SQLDialect.POSTGRES;
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean hasCode = false;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            int end;
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                end = indexOrEnd(sql, "\n", i);
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                end = indexOrEnd(sql, "*/", i + 2) + 2;
            } else if (c == '\'' || c == '"' || c == '`') {
                end = quotedEnd(sql, i, c, c == '\'' && backslashEscapes);
                hasCode = true;
            } else if (c == '$' && dollarQuotes && dollarTag(sql, i) != null) {
                String tag = dollarTag(sql, i);
                end = indexOrEnd(sql, tag, i + tag.length()) + tag.length();
                hasCode = true;
            } else if (c == ';') {
                if (hasCode) {
                    statements.add(current.toString().strip());
                }
                current.setLength(0);
                hasCode = false;
                i++;
                continue;
            } else {
                hasCode |= !Character.isWhitespace(c);
                end = i + 1;
            }
            end = Math.min(end, n);
            if (hasCode) {
                // comments and blank lines before a statement's first code are not part of it
                current.append(sql, i, end);
            }
            i = end;
        }
        if (hasCode) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    private static int indexOrEnd(String sql, String token, int from) {
        int at = sql.indexOf(token, from);
        return at < 0 ? sql.length() : at;
    }

    private static int quotedEnd(String sql, int start, char quote, boolean backslashEscapes) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2; // doubled quote
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /** The dollar-quote opener at {@code start} ({@code $$} or {@code $tag$}), or null (e.g. a {@code $1} parameter). */
    private static String dollarTag(String sql, int start) {
        int i = start + 1;
        while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
            i++;
        }
        if (i >= sql.length() || sql.charAt(i) != '$') {
            return null;
        }
        if (i > start + 1 && Character.isDigit(sql.charAt(start + 1))) {
            return null;
        }
        return sql.substring(start, i + 1);
    }
}
