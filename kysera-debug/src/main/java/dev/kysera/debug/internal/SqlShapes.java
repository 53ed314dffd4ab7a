package dev.kysera.debug.internal;

import dev.kysera.debug.internal.SqlLexer.Token;
import dev.kysera.debug.internal.SqlLexer.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.SQLDialect;

/**
 * Statement shapes: SQL with every literal and bind marker replaced by {@code ?}, every IN list
 * and multi-row VALUES collapsed to {@code (?...)}, comments dropped and whitespace collapsed. Two
 * executions of the same code with different values have the same shape. Shapes longer than
 * {@link #MAX_LENGTH} are cut and tagged with a hash of the whole, so a shape's size is bounded
 * while distinct long statements stay distinct. A bounded cache maps SQL strings to shapes so the
 * same SQL is normalised once.
 */
public final class SqlShapes {

    /** The longest shape kept, in characters. */
    public static final int MAX_LENGTH = 2_000;

    private static final int CACHE_SIZE = 2_048;

    private final ConcurrentHashMap<String, String> cache = new ConcurrentHashMap<>();

    /** The shape of one SQL string, cached. */
    public String shape(String sql, SQLDialect dialect) {
        String cached = cache.get(sql);
        if (cached != null) {
            return cached;
        }
        String shape = normalise(sql, dialect);
        if (cache.size() >= CACHE_SIZE) {
            cache.clear();
        }
        cache.put(sql, shape);
        return shape;
    }

    /** The shape of the statements of one execution (a batch of different statements joins them with {@code ;}). */
    public String shape(List<String> sql, SQLDialect dialect) {
        if (sql.size() == 1) {
            return shape(sql.getFirst(), dialect);
        }
        List<String> shapes = new ArrayList<>(sql.size());
        for (String statement : sql) {
            shapes.add(shape(statement, dialect));
        }
        return cap(String.join("; ", shapes));
    }

    /** Normalises without the cache. */
    public static String normalise(String sql, SQLDialect dialect) {
        List<Token> tokens = SqlLexer.tokens(sql, dialect);
        StringBuilder out = new StringBuilder(sql.length());
        Token previous = null;
        boolean gap = false;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            Type type = token.type();
            if (type == Type.SPACE || type == Type.COMMENT) {
                gap = true;
                continue;
            }
            if (type == Type.STRING || type == Type.NUMBER || type == Type.MARKER) {
                if (previous != null && previous.isSymbol("-") && isSign(out)) {
                    out.setLength(out.length() - 1);
                    gap = false;
                }
                append(out, gap, "?");
                previous = new Token(Type.MARKER, "?");
            } else if (token.isSymbol("(") && isListContext(previous) && valueList(tokens, i) >= 0) {
                boolean values = previous.isWord("values");
                i = valueList(tokens, i);
                if (values) {
                    i = skipMoreRows(tokens, i);
                }
                append(out, gap, "(?...)");
                previous = new Token(Type.SYMBOL, ")");
            } else {
                append(out, gap, token.text());
                previous = token;
            }
            gap = false;
        }
        return cap(out.toString());
    }

    private static void append(StringBuilder out, boolean gap, String text) {
        if (gap && !out.isEmpty()) {
            out.append(' ');
        }
        out.append(text);
    }

    /** Whether a {@code -} just written is a sign (after an operator, comma or open parenthesis), not a minus. */
    private static boolean isSign(StringBuilder out) {
        int at = out.length() - 2;
        while (at >= 0 && out.charAt(at) == ' ') {
            at--;
        }
        if (at < 0) {
            return true;
        }
        char c = out.charAt(at);
        return "=<>(,+-*/".indexOf(c) >= 0;
    }

    private static boolean isListContext(Token previous) {
        return previous != null && (previous.isWord("in") || previous.isWord("values"));
    }

    /** If tokens[open] starts a parenthesised list of only values, the index of its closing parenthesis; else -1. */
    private static int valueList(List<Token> tokens, int open) {
        boolean value = false;
        for (int i = open + 1; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            switch (token.type()) {
                case SPACE, COMMENT -> {
                }
                case STRING, NUMBER, MARKER -> value = true;
                case WORD -> {
                    if (token.isWord("cast")) {
                        int close = castEnd(tokens, i);
                        if (close < 0) {
                            return -1;
                        }
                        i = close;
                    } else if (!token.isWord("null") && !token.isWord("default") && !token.isWord("true") && !token.isWord("false")) {
                        return -1;
                    }
                    value = true;
                }
                case SYMBOL -> {
                    if (token.isSymbol(")")) {
                        return value ? i : -1;
                    }
                    if (!token.isSymbol(",") && !token.isSymbol("-")) {
                        return -1;
                    }
                }
                default -> {
                    return -1;
                }
            }
        }
        return -1;
    }

    /** For {@code cast(<value> as <type>)} at {@code cast}, the index of its closing parenthesis; else -1. */
    private static int castEnd(List<Token> tokens, int cast) {
        int open = nextSignificant(tokens, cast + 1);
        if (open < 0 || !tokens.get(open).isSymbol("(")) {
            return -1;
        }
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.isSymbol("(")) {
                depth++;
            } else if (token.isSymbol(")") && --depth == 0) {
                return i;
            } else if (depth == 1 && token.type() == Type.WORD && !token.isWord("as") && !token.isWord("null")
                    && tokens.subList(open, i).stream().noneMatch(t -> t.isWord("as"))) {
                return -1;
            }
        }
        return -1;
    }

    /** After the first VALUES row, skips {@code , (…)} rows of values. */
    private static int skipMoreRows(List<Token> tokens, int end) {
        int i = end;
        while (true) {
            int comma = nextSignificant(tokens, i + 1);
            if (comma < 0 || !tokens.get(comma).isSymbol(",")) {
                return i;
            }
            int open = nextSignificant(tokens, comma + 1);
            if (open < 0 || !tokens.get(open).isSymbol("(")) {
                return i;
            }
            int close = valueList(tokens, open);
            if (close < 0) {
                return i;
            }
            i = close;
        }
    }

    private static int nextSignificant(List<Token> tokens, int from) {
        for (int i = from; i < tokens.size(); i++) {
            Type type = tokens.get(i).type();
            if (type != Type.SPACE && type != Type.COMMENT) {
                return i;
            }
        }
        return -1;
    }

    private static String cap(String shape) {
        if (shape.length() <= MAX_LENGTH) {
            return shape;
        }
        return shape.substring(0, MAX_LENGTH) + "... #" + Integer.toHexString(shape.hashCode());
    }
}
