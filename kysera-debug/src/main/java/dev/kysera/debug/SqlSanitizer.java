package dev.kysera.debug;

import dev.kysera.debug.internal.SqlLexer;
import dev.kysera.debug.internal.SqlLexer.Token;
import dev.kysera.debug.internal.SqlLexer.Type;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jooq.SQLDialect;

/**
 * Removes the values written into SQL text — string literals ({@code 'x'}, {@code E'…'},
 * {@code N'…'}, {@code X'…'}, PostgreSQL dollar-quoted strings, MariaDB double-quoted strings) and
 * numbers — so SQL can be logged or put on a span without the data it carries: each literal
 * becomes {@code ?}. Everything else is kept exactly as written: whitespace, identifiers,
 * comments, bind markers, {@code NULL}, {@code TRUE}/{@code FALSE}, and the lengths and scales of
 * types in casts ({@code cast(? as varchar(255))}, {@code ?::numeric(10, 2)}). The dialect decides
 * how quotes are escaped, so a quote inside a comment or an identifier never starts a literal,
 * and an unterminated literal is replaced to the end of the text. It never throws on odd input.
 *
 * <pre>{@code
 * SqlSanitizer.sanitize("select * from t where name = 'O''Brien' and id > 42", SQLDialect.POSTGRES)
 *     // select * from t where name = ? and id > ?
 * }</pre>
 */
public final class SqlSanitizer {

    /** What a literal is replaced with. */
    public static final String MARKER = "?";

    /** Types whose parenthesised numbers are a length or precision wherever they appear (DDL, casts). */
    private static final Set<String> SIZED_TYPES = Set.of("varchar", "varchar2", "nvarchar", "nchar", "varbinary", "decimal",
            "numeric", "dec", "varying");

    private SqlSanitizer() {
    }

    /**
     * {@code sql} with every literal value replaced by {@code ?}.
     *
     * @param sql     the SQL text
     * @param dialect the dialect it was rendered for (its quoting rules); null for standard SQL
     * @return the sanitised text (the same string when it has no literal)
     * @throws NullPointerException if {@code sql} is null
     */
    public static String sanitize(String sql, SQLDialect dialect) {
        Objects.requireNonNull(sql, "sql");
        List<Token> tokens = SqlLexer.tokens(sql, dialect);
        StringBuilder out = null;
        int typeArguments = -1;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            boolean literal = token.type() == Type.STRING || token.type() == Type.NUMBER && typeArguments < 0;
            if (token.isSymbol("(") && isSizedType(tokens, i)) {
                typeArguments = closing(tokens, i);
            }
            if (i == typeArguments) {
                typeArguments = -1;
            }
            if (literal && out == null) {
                out = new StringBuilder(sql.length());
                for (int j = 0; j < i; j++) {
                    out.append(tokens.get(j).text());
                }
            }
            if (out != null) {
                out.append(literal ? MARKER : token.text());
            }
        }
        return out == null ? sql : out.toString();
    }

    /** Whether the parenthesis at {@code open} follows a type name: one that is always a type, or any after {@code as} or {@code ::}. */
    private static boolean isSizedType(List<Token> tokens, int open) {
        int name = previousSignificant(tokens, open - 1);
        if (name < 0 || tokens.get(name).type() != Type.WORD) {
            return false;
        }
        if (SIZED_TYPES.contains(tokens.get(name).text().toLowerCase(java.util.Locale.ROOT))) {
            return true;
        }
        int before = previousSignificant(tokens, name - 1);
        return before >= 0 && (tokens.get(before).isWord("as") || tokens.get(before).isSymbol("::"));
    }

    /** The index of the parenthesis closing a list of only numbers, words and commas opened at {@code open}; else -1. */
    private static int closing(List<Token> tokens, int open) {
        for (int i = open + 1; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.isSymbol(")")) {
                return i;
            }
            boolean argument = switch (token.type()) {
                case NUMBER, WORD, SPACE -> true;
                case SYMBOL -> token.isSymbol(",");
                default -> false;
            };
            if (!argument) {
                return -1;
            }
        }
        return -1;
    }

    private static int previousSignificant(List<Token> tokens, int from) {
        for (int i = from; i >= 0; i--) {
            Type type = tokens.get(i).type();
            if (type != Type.SPACE && type != Type.COMMENT) {
                return i;
            }
        }
        return -1;
    }
}
