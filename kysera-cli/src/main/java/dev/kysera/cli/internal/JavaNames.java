package dev.kysera.cli.internal;

import java.util.Locale;
import java.util.Set;

/** Java identifiers from SQL names: {@code post_tags} → {@code PostTags}, {@code postTags}, {@code POST_TAGS}. */
final class JavaNames {

    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case", "catch", "char",
            "class", "const", "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float", "for",
            "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native", "new", "package", "private",
            "protected", "public", "return", "short", "static", "strictfp", "super", "switch", "synchronized", "this", "throw",
            "throws", "transient", "try", "void", "volatile", "while", "true", "false", "null", "var", "record", "yield", "sealed",
            "permits", "non-sealed", "when", "_");

    private JavaNames() {
    }

    static String pascal(String sql) {
        StringBuilder out = new StringBuilder();
        boolean upper = true;
        for (char c : sql.toCharArray()) {
            if (!Character.isLetterOrDigit(c)) {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        if (out.isEmpty() || !Character.isJavaIdentifierStart(out.charAt(0))) {
            out.insert(0, 'T');
        }
        return out.toString();
    }

    static String camel(String sql) {
        String pascal = pascal(sql.toLowerCase(Locale.ROOT).equals(sql) ? sql : sql);
        String camel = Character.toLowerCase(pascal.charAt(0)) + pascal.substring(1);
        return KEYWORDS.contains(camel) ? camel + "_" : camel;
    }

    static String constant(String sql) {
        String constant = sql.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("[^A-Za-z0-9]+", "_").toUpperCase(Locale.ROOT);
        if (constant.isEmpty() || Character.isDigit(constant.charAt(0))) {
            constant = "C_" + constant;
        }
        return constant;
    }

    static boolean isPackageName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (String part : name.split("\\.", -1)) {
            if (part.isEmpty() || KEYWORDS.contains(part) || !Character.isJavaIdentifierStart(part.charAt(0))
                    || !part.chars().allMatch(Character::isJavaIdentifierPart)) {
                return false;
            }
        }
        return true;
    }

    static String literal(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
