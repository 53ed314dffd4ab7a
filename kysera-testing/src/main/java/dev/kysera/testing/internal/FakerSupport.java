package dev.kysera.testing.internal;

import java.util.Random;

/** Datafaker, when it is on the class path; this class is the only one that names it. */
public final class FakerSupport {

    private static final String FAKER_CLASS = "net.datafaker.Faker";

    private FakerSupport() {
    }

    /** Whether {@code net.datafaker:datafaker} is on the class path of {@code loader}. */
    public static boolean available(ClassLoader loader) {
        try {
            Class.forName(FAKER_CLASS, false, loader);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** A new {@code net.datafaker.Faker} drawing from a random source seeded with {@code seed}. */
    public static Object newFaker(long seed) {
        return new net.datafaker.Faker(new Random(seed));
    }
}
