package dev.kysera.repository.internal;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Number constants in the Java type of a column, without jOOQ's (deprecated) generic conversion. */
final class Numbers {

    private Numbers() {
    }

    /**
     * Zero as {@code type}.
     *
     * @throws IllegalArgumentException for a number type a version column cannot have
     */
    static <N extends Number> N zero(Class<N> type) {
        Object zero;
        if (type == Long.class) {
            zero = 0L;
        } else if (type == Integer.class) {
            zero = 0;
        } else if (type == Short.class) {
            zero = (short) 0;
        } else if (type == Byte.class) {
            zero = (byte) 0;
        } else if (type == BigInteger.class) {
            zero = BigInteger.ZERO;
        } else if (type == BigDecimal.class) {
            zero = BigDecimal.ZERO;
        } else {
            throw new IllegalArgumentException("A version column must be an integer type, not " + type.getSimpleName());
        }
        return type.cast(zero);
    }
}
