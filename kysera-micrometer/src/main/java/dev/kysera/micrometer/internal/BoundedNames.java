package dev.kysera.micrometer.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Admits at most {@code max} distinct names and maps every later new one to a fixed overflow
 * value, so a tag built from names (tables) cannot make the number of meters grow without bound.
 * The first names seen win; the set is never cleared (a meter, once made, lives on anyway).
 */
public final class BoundedNames {

    private final Set<String> admitted = ConcurrentHashMap.newKeySet();
    private final int max;
    private final String overflow;

    public BoundedNames(int max, String overflow) {
        this.max = max;
        this.overflow = overflow;
    }

    /** {@code name} if it is or can be admitted, else the overflow value. */
    public String admit(String name) {
        if (admitted.contains(name)) {
            return name;
        }
        if (admitted.size() >= max) {
            return overflow;
        }
        // Two threads may both pass the size check: the cap can be exceeded by the number of racing threads, never more.
        admitted.add(name);
        return name;
    }
}
