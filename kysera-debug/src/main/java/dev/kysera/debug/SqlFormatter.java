package dev.kysera.debug;

import dev.kysera.debug.internal.SqlLexer;
import dev.kysera.debug.internal.SqlLexer.Token;
import dev.kysera.debug.internal.SqlLexer.Type;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jooq.SQLDialect;

/**
 * Formats SQL for people, following the quoting rules of the dialect it was rendered for (SQLite,
 * H2, PostgreSQL, MySQL/MariaDB), so nothing inside a string literal, quoted identifier or comment
 * is ever changed. It only changes whitespace: {@link #format} starts each clause on its own line,
 * breaks WHERE/HAVING/ON conditions at top-level {@code and}/{@code or} and indents subqueries;
 * {@link #oneLine} collapses all whitespace to single spaces. It never throws on odd input.
 */
public final class SqlFormatter {

    private static final String INDENT = "  ";
    private static final Set<String> CLAUSES = Set.of("select", "from", "where", "group", "having", "order", "limit", "offset",
            "fetch", "values", "set", "returning", "union", "except", "intersect", "window", "with", "insert", "update", "delete",
            "merge", "using", "when", "join", "left", "right", "full", "inner", "cross", "natural");
    private static final Set<String> JOIN_PREFIXES = Set.of("left", "right", "full", "inner", "cross", "natural", "outer");
    private static final Set<String> STATEMENTS = Set.of("select", "with", "merge", "insert", "update", "delete");
    private static final Set<String> CONDITION_CLAUSES = Set.of("where", "having", "on");

    private SqlFormatter() {
    }

    /**
     * {@code sql} on one line: whitespace runs become one space (none just inside parentheses), line
     * comments become block comments.
     *
     * @param sql     the SQL text
     * @param dialect the dialect it was rendered for (its quoting rules); null for standard SQL
     * @return the text on one line, stripped
     * @throws NullPointerException if {@code sql} is null
     */
    public static String oneLine(String sql, SQLDialect dialect) {
        Objects.requireNonNull(sql, "sql");
        StringBuilder out = new StringBuilder(sql.length());
        List<Token> tokens = SqlLexer.tokens(sql, dialect);
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            switch (token.type()) {
                case SPACE -> {
                    boolean afterOpen = i > 0 && tokens.get(i - 1).isSymbol("(");
                    boolean beforeClose = i + 1 < tokens.size() && tokens.get(i + 1).isSymbol(")");
                    if (!afterOpen && !beforeClose) {
                        out.append(' ');
                    }
                }
                case COMMENT -> out.append(token.text().startsWith("/*") ? token.text()
                        : "/* " + token.text().replaceFirst("^(--|#)\\s*", "").strip() + " */");
                default -> out.append(token.text());
            }
        }
        return out.toString().strip();
    }

    /**
     * {@code sql} over several lines, one clause per line, subqueries indented.
     *
     * @param sql     the SQL text
     * @param dialect the dialect it was rendered for (its quoting rules); null for standard SQL
     * @return the formatted text, without a trailing newline
     * @throws NullPointerException if {@code sql} is null
     */
    public static String format(String sql, SQLDialect dialect) {
        Objects.requireNonNull(sql, "sql");
        List<Token> tokens = SqlLexer.tokens(oneLine(sql, dialect), dialect);
        StringBuilder out = new StringBuilder(sql.length() + 32);
        Deque<Paren> parens = new ArrayDeque<>();
        int level = 0;
        int lineIndent = 0;
        Deque<Integer> savedLevels = new ArrayDeque<>();
        int conditionParens = -1;
        Token previous = null;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.type() == Type.SPACE) {
                continue;
            }
            String word = token.type() == Type.WORD ? token.text().toLowerCase(Locale.ROOT) : "";
            boolean newline = false;
            int indent = level;
            if (isClause(word, previous, tokens, i)) {
                newline = true;
                conditionParens = CONDITION_CLAUSES.contains(word) ? parens.size() : -1;
            } else if (word.equals("on") && !isPhrase(tokens, i, "on", "conflict") && !isPhrase(tokens, i, "on", "duplicate")) {
                conditionParens = parens.size();
            } else if ((word.equals("and") || word.equals("or")) && conditionParens >= 0 && onlyTransparent(parens, conditionParens)
                    && !isBetweenOpen(tokens, i)) {
                newline = true;
                indent = level + 1;
            }
            if (token.isSymbol(")") && !parens.isEmpty()) {
                Paren closed = parens.pop();
                if (closed == Paren.SUBQUERY) {
                    lineIndent = level - 1;
                    newline(out, lineIndent);
                    level = savedLevels.isEmpty() ? 0 : savedLevels.pop();
                    out.append(')');
                    previous = token;
                    continue;
                }
            }
            if (newline && !out.isEmpty()) {
                lineIndent = indent;
                newline(out, indent);
            } else if (previous != null && tokens.get(i - 1).type() == Type.SPACE) {
                out.append(' ');
            }
            out.append(token.text());
            if (token.isSymbol("(")) {
                int next = next(tokens, i + 1);
                boolean subquery = next >= 0 && STATEMENTS.contains(tokens.get(next).text().toLowerCase(Locale.ROOT))
                        && tokens.get(next).type() == Type.WORD;
                Paren paren = subquery ? Paren.SUBQUERY
                        : previous != null && previous.type() == Type.WORD
                        && CONDITION_CLAUSES.contains(previous.text().toLowerCase(Locale.ROOT)) ? Paren.TRANSPARENT : Paren.PLAIN;
                parens.push(paren);
                if (subquery) {
                    savedLevels.push(level);
                    level = lineIndent + 1;
                    lineIndent = level;
                    newline(out, level);
                    previous = tokens.get(next);
                    out.append(tokens.get(next).text());
                    i = next;
                    conditionParens = -1;
                    continue;
                }
            }
            previous = token;
        }
        return out.toString();
    }

    private enum Paren { SUBQUERY, TRANSPARENT, PLAIN }

    private static boolean isClause(String word, Token previous, List<Token> tokens, int i) {
        if (!CLAUSES.contains(word)) {
            return false;
        }
        String before = previous != null && previous.type() == Type.WORD ? previous.text().toLowerCase(Locale.ROOT) : "";
        return switch (word) {
            case "join" -> !JOIN_PREFIXES.contains(before);
            case "left", "right", "full", "inner", "cross", "natural" -> !JOIN_PREFIXES.contains(before) && joinFollows(tokens, i);
            case "group", "order" -> isPhrase(tokens, i, word, "by") && !before.equals("within");
            case "update" -> !before.equals("for") && !before.equals("key") && !before.equals("do") && !before.equals("then");
            case "insert" -> !before.equals("then");
            case "when" -> isPhrase(tokens, i, "when", "matched") || isPhrase(tokens, i, "when", "not")
                    && isPhrase(tokens, next(tokens, i + 1), "not", "matched");
            case "set" -> !before.equals("character") && !before.equals("update");
            case "select" -> !before.equals("union") && !before.equals("all") && !before.equals("except")
                    && !before.equals("intersect") && !(previous != null && previous.isSymbol("("));
            case "delete" -> !before.equals("on") && !before.equals("then");
            case "values" -> !before.equals("default");
            default -> true;
        };
    }

    private static boolean joinFollows(List<Token> tokens, int i) {
        for (int j = next(tokens, i + 1); j >= 0; j = next(tokens, j + 1)) {
            if (tokens.get(j).isWord("join")) {
                return true;
            }
            if (!tokens.get(j).isWord("outer") && !tokens.get(j).isWord("inner")) {
                return false;
            }
        }
        return false;
    }

    private static boolean isPhrase(List<Token> tokens, int i, String first, String second) {
        if (i < 0) {
            return false;
        }
        int next = next(tokens, i + 1);
        return tokens.get(i).isWord(first) && next >= 0 && tokens.get(next).isWord(second);
    }

    /** Whether the {@code and} at {@code i} closes a {@code between … and}. */
    private static boolean isBetweenOpen(List<Token> tokens, int i) {
        int depth = 0;
        for (int j = i - 1; j >= 0; j--) {
            Token token = tokens.get(j);
            if (token.isSymbol(")")) {
                depth++;
            } else if (token.isSymbol("(")) {
                if (depth == 0) {
                    return false;
                }
                depth--;
            } else if (depth == 0 && (token.isWord("and") || token.isWord("or"))) {
                return false;
            } else if (depth == 0 && token.isWord("between")) {
                return true;
            }
        }
        return false;
    }

    private static boolean onlyTransparent(Deque<Paren> parens, int from) {
        int above = parens.size() - from;
        if (above < 0) {
            return false;
        }
        var iterator = parens.iterator();
        for (int k = 0; k < above; k++) {
            if (iterator.next() != Paren.TRANSPARENT) {
                return false;
            }
        }
        return true;
    }

    private static int next(List<Token> tokens, int from) {
        for (int j = from; j < tokens.size(); j++) {
            if (tokens.get(j).type() != Type.SPACE) {
                return j;
            }
        }
        return -1;
    }

    private static void newline(StringBuilder out, int indent) {
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
        out.append('\n').append(INDENT.repeat(Math.max(0, indent)));
    }
}
