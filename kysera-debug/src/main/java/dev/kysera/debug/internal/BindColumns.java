package dev.kysera.debug.internal;

import dev.kysera.debug.internal.SqlLexer.Token;
import dev.kysera.debug.internal.SqlLexer.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jooq.SQLDialect;

/**
 * Which column each bind marker of a statement belongs to, read from the SQL: the column list of
 * an INSERT for its VALUES rows, and the column compared or assigned for {@code col = ?},
 * {@code col <> ?}, {@code col in (?, ?)}, {@code col between ? and ?}, {@code lower(col) like ?},
 * {@code SET col = ?}. A marker with no column ({@code limit ?}, a function argument) maps to
 * {@code null}. Column names are returned without quotes or qualifier, lower-cased.
 */
public final class BindColumns {

    private static final Set<String> COMPARISONS = Set.of("=", "<>", "!=", "<", "<=", ">", ">=");
    private static final Set<String> COMPARISON_WORDS = Set.of("like", "ilike", "in", "between", "is", "similar", "regexp", "rlike");
    private static final Set<String> ENDS = Set.of("and", "or", "where", "from", "set", "on", "order", "group", "having", "limit",
            "offset", "fetch", "returning", "when", "then", "else", "end", "union", "except", "intersect", "values", "select",
            "join", "inner", "left", "right", "full", "cross", "do", "for", "window");
    private static final Set<String> KEYWORDS = Set.of("select", "from", "where", "and", "or", "not", "null", "is", "in", "like",
            "ilike", "between", "as", "on", "set", "values", "update", "insert", "into", "delete", "join", "left", "right", "inner",
            "outer", "full", "cross", "order", "group", "by", "having", "limit", "offset", "fetch", "next", "rows", "only", "case",
            "when", "then", "else", "end", "distinct", "all", "any", "exists", "union", "except", "intersect", "returning", "with",
            "recursive", "asc", "desc", "nulls", "first", "last", "true", "false", "default", "escape", "cast", "conflict", "do",
            "nothing", "duplicate", "key", "lateral", "using", "over", "partition", "similar", "to", "lower", "upper", "for", "window");

    private BindColumns() {
    }

    /** One entry per bind marker, in order: its column, or {@code null}. */
    public static List<String> of(String sql, SQLDialect dialect) {
        List<Token> tokens = SqlLexer.tokens(sql, dialect).stream()
                .filter(t -> t.type() != Type.SPACE && t.type() != Type.COMMENT).toList();
        List<String> result = new ArrayList<>();
        String lastColumn = null;
        String compared = null;
        int comparedDepth = 0;
        boolean between = false;
        List<String> insertColumns = null;
        int valuesDepth = -1;
        int element = 0;
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
            if (token.isWord("insert") || token.isWord("replace")) {
                insertColumns = insertColumns(tokens, i);
            }
            if (token.isSymbol("(")) {
                depth++;
                if (insertColumns != null && valuesDepth < 0 && i > 0 && tokens.get(i - 1).isWord("values")) {
                    valuesDepth = depth;
                    element = 0;
                } else if (valuesDepth > 0 && depth == valuesDepth && i > 0 && tokens.get(i - 1).isSymbol(",")) {
                    element = 0;
                }
                continue;
            }
            if (token.isSymbol(")")) {
                depth--;
                if (compared != null && depth < comparedDepth) {
                    compared = null;
                }
                if (valuesDepth > 0 && depth < valuesDepth - 1) {
                    valuesDepth = -1;
                    insertColumns = null;
                }
                continue;
            }
            if (token.type() == Type.MARKER) {
                if (valuesDepth > 0 && depth >= valuesDepth && compared == null) {
                    result.add(element < insertColumns.size() ? insertColumns.get(element) : null);
                } else {
                    result.add(compared);
                }
                continue;
            }
            if (token.isSymbol(",")) {
                if (valuesDepth > 0 && depth == valuesDepth) {
                    element++;
                }
                if (compared != null && depth == comparedDepth) {
                    compared = null;
                }
                continue;
            }
            if (token.type() == Type.SYMBOL && COMPARISONS.contains(token.text())
                    || token.type() == Type.WORD && COMPARISON_WORDS.contains(token.text().toLowerCase(Locale.ROOT))) {
                if (compared == null || depth != comparedDepth) {
                    compared = lastColumn;
                    comparedDepth = depth;
                }
                between |= token.isWord("between");
                continue;
            }
            if (token.type() == Type.WORD && ENDS.contains(token.text().toLowerCase(Locale.ROOT))) {
                if (between && token.isWord("and")) {
                    between = false;
                } else if (depth <= comparedDepth) {
                    compared = null;
                    between = false;
                }
            }
            if (isColumn(token, next)) {
                lastColumn = token.identifier().toLowerCase(Locale.ROOT);
            }
        }
        return result;
    }

    private static boolean isColumn(Token token, Token next) {
        if (token.type() == Type.QUOTED) {
            return next == null || !next.isSymbol(".");
        }
        return token.type() == Type.WORD && !KEYWORDS.contains(token.text().toLowerCase(Locale.ROOT))
                && (next == null || !next.isSymbol("(") && !next.isSymbol("."));
    }

    /** For {@code insert into t (a, b, …)}, the column list; else {@code null}. */
    private static List<String> insertColumns(List<Token> tokens, int insert) {
        int i = insert + 1;
        while (i < tokens.size() && !tokens.get(i).isSymbol("(")) {
            if (tokens.get(i).isWord("values") || tokens.get(i).isWord("select") || tokens.get(i).isWord("set")) {
                return null;
            }
            i++;
        }
        List<String> columns = new ArrayList<>();
        for (i++; i < tokens.size() && !tokens.get(i).isSymbol(")"); i++) {
            Token token = tokens.get(i);
            if (token.isIdentifier() && (i + 1 >= tokens.size() || !tokens.get(i + 1).isSymbol("."))) {
                columns.add(token.identifier().toLowerCase(Locale.ROOT));
            } else if (!token.isSymbol(",") && !token.isSymbol(".")) {
                return null;
            }
        }
        return columns.isEmpty() ? null : Arrays.asList(columns.toArray(String[]::new));
    }
}
