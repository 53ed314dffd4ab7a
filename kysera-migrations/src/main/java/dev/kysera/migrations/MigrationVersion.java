package dev.kysera.migrations;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A migration's version: one or more non-negative integers separated by dots, compared part by part
 * as numbers ({@code 1.10} comes after {@code 1.9}). Trailing zero parts and leading zeros do not
 * count: {@code 1}, {@code 1.0} and {@code 001} are the same version, written {@code 1}. In SQL file
 * names an underscore may stand for the dot ({@code V1_2__add_index.sql} is version {@code 1.2}).
 */
public final class MigrationVersion implements Comparable<MigrationVersion> {

    private static final Pattern SHAPE = Pattern.compile("\\d+([._]\\d+)*");

    private final List<BigInteger> parts;
    private final String text;

    private MigrationVersion(List<BigInteger> parts) {
        this.parts = List.copyOf(parts);
        this.text = parts.stream().map(BigInteger::toString).reduce((a, b) -> a + "." + b).orElse("0");
    }

    /**
     * Parses a version such as {@code 3}, {@code 1.2.0} or {@code 2024_01_15}.
     *
     * @param version the text, e.g. {@code 1.2} or {@code 1_2}
     * @return the version in canonical form
     * @throws IllegalArgumentException naming the value when it is not digits separated by dots or underscores
     * @throws NullPointerException     if {@code version} is null
     */
    public static MigrationVersion of(String version) {
        Objects.requireNonNull(version, "version");
        if (!SHAPE.matcher(version).matches()) {
            throw new IllegalArgumentException("A migration version is digits separated by '.' or '_', e.g. 1, 1.2 or"
                    + " 2024_01_15; was '" + version + "'");
        }
        List<BigInteger> parts = new ArrayList<>();
        for (String part : version.split("[._]")) {
            parts.add(new BigInteger(part));
        }
        while (parts.size() > 1 && parts.getLast().signum() == 0) {
            parts.removeLast();
        }
        return new MigrationVersion(parts);
    }

    @Override
    public int compareTo(MigrationVersion other) {
        int n = Math.max(parts.size(), other.parts.size());
        for (int i = 0; i < n; i++) {
            BigInteger a = i < parts.size() ? parts.get(i) : BigInteger.ZERO;
            BigInteger b = i < other.parts.size() ? other.parts.get(i) : BigInteger.ZERO;
            int c = a.compareTo(b);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /**
     * Whether this version comes after {@code other}.
     *
     * @param other the version to compare with
     * @return {@code true} if this version is greater; {@code false} if equal or smaller
     */
    public boolean isAfter(MigrationVersion other) {
        return compareTo(other) > 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MigrationVersion v && parts.equals(v.parts);
    }

    @Override
    public int hashCode() {
        return parts.hashCode();
    }

    /** The canonical text, as stored in the history table: {@code 1.2}, never {@code 01.2.0}. */
    @Override
    public String toString() {
        return text;
    }
}
