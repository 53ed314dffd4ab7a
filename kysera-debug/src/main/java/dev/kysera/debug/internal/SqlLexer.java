package dev.kysera.debug.internal;

import java.util.ArrayList;
import java.util.List;
import org.jooq.SQLDialect;

/**
 * Splits SQL into tokens, following the quoting rules of the dialect it was rendered for, so that
 * normalising, formatting and bind attribution never look inside a string literal or a quoted
 * identifier. It never fails: anything it does not recognise becomes a one-character symbol.
 */
public final class SqlLexer {

    /** What a token is. */
    public enum Type {
        /** Unquoted identifier or keyword. */
        WORD,
        /** Quoted identifier: {@code "x"}, {@code `x`}, {@code [x]}. */
        QUOTED,
        /** String literal, including its quotes and prefix ({@code E'…'}, {@code N'…'}, {@code X'…'}, dollar quotes). */
        STRING,
        NUMBER,
        /** Bind marker: {@code ?}, {@code $1}, {@code :name}. */
        MARKER,
        COMMENT,
        SPACE,
        /** Punctuation or operator. */
        SYMBOL
    }

    /**
     * One token.
     *
     * @param type what it is
     * @param text its exact text
     */
    public record Token(Type type, String text) {

        /** Whether this is the (unquoted, case-insensitive) word. */
        public boolean isWord(String word) {
            return type == Type.WORD && text.equalsIgnoreCase(word);
        }

        /** Whether this is the symbol. */
        public boolean isSymbol(String symbol) {
            return type == Type.SYMBOL && text.equals(symbol);
        }

        /** Whether this is an identifier (quoted, or an unquoted word). */
        public boolean isIdentifier() {
            return type == Type.WORD || type == Type.QUOTED;
        }

        /** The identifier without its quotes (an unterminated one loses only its opening quote). */
        public String identifier() {
            if (type != Type.QUOTED) {
                return text;
            }
            char quote = text.charAt(0);
            char close = quote == '[' ? ']' : quote;
            boolean closed = text.length() > 1 && text.charAt(text.length() - 1) == close;
            String inner = text.substring(1, closed ? text.length() - 1 : text.length());
            return quote == '[' ? inner : inner.replace(String.valueOf(quote) + quote, String.valueOf(quote));
        }
    }

    private final String sql;
    private final boolean backslashEscapes;
    private final boolean doubleQuotedStrings;
    private final boolean postgres;
    private int pos;

    private SqlLexer(String sql, SQLDialect dialect) {
        this.sql = sql;
        SQLDialect family = dialect == null ? SQLDialect.DEFAULT : dialect.family();
        boolean mysql = family == SQLDialect.MYSQL || family == SQLDialect.MARIADB;
        this.backslashEscapes = mysql;
        this.doubleQuotedStrings = mysql;
        this.postgres = family == SQLDialect.POSTGRES;
    }

    /** The tokens of {@code sql}; concatenating their texts gives {@code sql} back. */
    public static List<Token> tokens(String sql, SQLDialect dialect) {
        return new SqlLexer(sql, dialect).run();
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        while (pos < sql.length()) {
            int start = pos;
            Type type = next();
            tokens.add(new Token(type, sql.substring(start, pos)));
        }
        return tokens;
    }

    private Type next() {
        char c = sql.charAt(pos);
        if (Character.isWhitespace(c)) {
            while (pos < sql.length() && Character.isWhitespace(sql.charAt(pos))) {
                pos++;
            }
            return Type.SPACE;
        }
        if (c == '-' && peek(1) == '-' || c == '#' && backslashEscapes) {
            int end = sql.indexOf('\n', pos);
            pos = end < 0 ? sql.length() : end;
            return Type.COMMENT;
        }
        if (c == '/' && peek(1) == '*') {
            int end = sql.indexOf("*/", pos + 2);
            pos = end < 0 ? sql.length() : end + 2;
            return Type.COMMENT;
        }
        if (c == '\'') {
            quoted('\'', backslashEscapes);
            return Type.STRING;
        }
        if ((c == 'E' || c == 'e') && peek(1) == '\'' && postgres) {
            pos++;
            quoted('\'', true);
            return Type.STRING;
        }
        if ((c == 'N' || c == 'n' || c == 'X' || c == 'x' || c == 'B' || c == 'b') && peek(1) == '\'') {
            pos++;
            quoted('\'', backslashEscapes);
            return Type.STRING;
        }
        if (c == '"') {
            quoted('"', doubleQuotedStrings && backslashEscapes);
            return doubleQuotedStrings ? Type.STRING : Type.QUOTED;
        }
        if (c == '`') {
            quoted('`', false);
            return Type.QUOTED;
        }
        if (c == '[' && !postgres) {
            int end = sql.indexOf(']', pos + 1);
            pos = end < 0 ? sql.length() : end + 1;
            return Type.QUOTED;
        }
        if (c == '$' && postgres) {
            return dollar();
        }
        if (c == '?') {
            pos++;
            return Type.MARKER;
        }
        if (c == ':' && Character.isJavaIdentifierStart(peek(1)) && peek(-1) != ':') {
            pos++;
            while (pos < sql.length() && Character.isJavaIdentifierPart(sql.charAt(pos))) {
                pos++;
            }
            return Type.MARKER;
        }
        if (Character.isDigit(c) || c == '.' && Character.isDigit(peek(1))) {
            number();
            return Type.NUMBER;
        }
        if (Character.isLetter(c) || c == '_') {
            while (pos < sql.length() && (Character.isLetterOrDigit(sql.charAt(pos)) || sql.charAt(pos) == '_' || sql.charAt(pos) == '$')) {
                pos++;
            }
            return Type.WORD;
        }
        pos++;
        if ((c == '<' || c == '>' || c == '!') && peek(0) == '=' || c == '<' && peek(0) == '>' || c == ':' && peek(0) == ':'
                || c == '|' && peek(0) == '|') {
            pos++;
        }
        return Type.SYMBOL;
    }

    private char peek(int offset) {
        int at = pos + offset;
        return at >= 0 && at < sql.length() ? sql.charAt(at) : '\0';
    }

    /** Consumes a quoted run starting at the opening quote; a doubled quote is an escaped quote. */
    private void quoted(char quote, boolean backslash) {
        pos++;
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (backslash && c == '\\') {
                pos += 2;
            } else if (c == quote) {
                if (peek(1) == quote) {
                    pos += 2;
                } else {
                    pos++;
                    return;
                }
            } else {
                pos++;
            }
        }
        pos = sql.length();
    }

    private Type dollar() {
        if (Character.isDigit(peek(1))) {
            pos++;
            while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
                pos++;
            }
            return Type.MARKER;
        }
        int close = sql.indexOf('$', pos + 1);
        if (close > 0 && sql.substring(pos + 1, close).chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_')) {
            String tag = sql.substring(pos, close + 1);
            int end = sql.indexOf(tag, close + 1);
            pos = end < 0 ? sql.length() : end + tag.length();
            return Type.STRING;
        }
        pos++;
        return Type.SYMBOL;
    }

    private void number() {
        if (sql.charAt(pos) == '0' && (peek(1) == 'x' || peek(1) == 'X') && Character.digit(peek(2), 16) >= 0) {
            pos += 2;
            while (pos < sql.length() && Character.digit(sql.charAt(pos), 16) >= 0) {
                pos++;
            }
            return; // 0x1F: MySQL's hexadecimal literal
        }
        while (pos < sql.length() && (Character.isDigit(sql.charAt(pos)) || sql.charAt(pos) == '.')) {
            pos++;
        }
        if (pos < sql.length() && (sql.charAt(pos) == 'e' || sql.charAt(pos) == 'E')
                && (Character.isDigit(peek(1)) || (peek(1) == '-' || peek(1) == '+') && Character.isDigit(peek(2)))) {
            pos += 2;
            while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
                pos++;
            }
        }
    }
}
