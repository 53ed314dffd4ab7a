package dev.kysera.testing.seed;

import java.util.List;

/**
 * What {@link Seeding#apply} did.
 *
 * @param applied the seeders run now, in the order they ran
 * @param skipped the seeders already applied to the database before, in dependency order
 */
public record SeedResult(List<String> applied, List<String> skipped) {

    /** Copies the lists. */
    public SeedResult {
        applied = List.copyOf(applied);
        skipped = List.copyOf(skipped);
    }
}
