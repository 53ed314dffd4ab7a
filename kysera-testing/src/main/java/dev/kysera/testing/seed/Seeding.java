package dev.kysera.testing.seed;

import dev.kysera.core.dialect.SchemaTools;
import dev.kysera.executor.Executor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * An ordered, idempotent set of {@link Seeder}s: each runs after the seeders it depends on, and only
 * if the database has no record of it in the history table {@value #HISTORY_TABLE}, to which its
 * name is added in the same transaction. Applying the same seeding twice writes the data once; a
 * seeding applied inside a test's rolled-back transaction is rolled back with its history.
 *
 * <pre>{@code
 * Seeding seeding = Seeding.of(Seeder.sql("seed/users.sql"), new PostsSeeder()); // PostsSeeder depends on "seed/users.sql"
 * SeedResult result = seeding.apply(executor);
 * }</pre>
 */
public final class Seeding {

    /** The table recording applied seeders (one row per seeder name). */
    public static final String HISTORY_TABLE = "kysera_seeds";

    private static final Table<Record> HISTORY = DSL.table(DSL.name(HISTORY_TABLE));
    private static final Field<String> NAME = DSL.field(DSL.name("name"), SQLDataType.VARCHAR(255));

    private final List<Seeder> ordered;

    private Seeding(List<Seeder> ordered) {
        this.ordered = ordered;
    }

    /**
     * The seeders, ordered by dependencies, as {@link #of(List)} does.
     *
     * @param seeders the seeders
     * @return the ordered seeding
     * @throws IllegalArgumentException as {@link #of(List)} does
     */
    public static Seeding of(Seeder... seeders) {
        return of(List.of(seeders));
    }

    /**
     * The seeders, ordered by dependencies (otherwise in the order given).
     *
     * @param seeders the seeders; names must be unique
     * @return the ordered seeding
     * @throws IllegalArgumentException if two seeders share a name, a dependency is not among the
     *                                  seeders, or dependencies form a cycle (each named)
     */
    public static Seeding of(List<? extends Seeder> seeders) {
        Map<String, Seeder> byName = new LinkedHashMap<>();
        for (Seeder seeder : seeders) {
            if (byName.putIfAbsent(seeder.name(), seeder) != null) {
                throw new IllegalArgumentException("Two seeders are named '" + seeder.name() + "'");
            }
        }
        for (Seeder seeder : byName.values()) {
            for (String dependency : seeder.dependsOn()) {
                if (!byName.containsKey(dependency)) {
                    throw new IllegalArgumentException("Seeder '" + seeder.name() + "' depends on '" + dependency
                            + "', which is not among the seeders " + byName.keySet());
                }
            }
        }
        List<Seeder> ordered = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (Seeder seeder : byName.values()) {
            visit(seeder, byName, done, new LinkedHashSet<>(), ordered);
        }
        return new Seeding(List.copyOf(ordered));
    }

    private static void visit(Seeder seeder, Map<String, Seeder> byName, Set<String> done, Set<String> path, List<Seeder> ordered) {
        if (done.contains(seeder.name())) {
            return;
        }
        if (!path.add(seeder.name())) {
            throw new IllegalArgumentException("Seeders depend on each other in a cycle: " + path + " -> " + seeder.name());
        }
        for (String dependency : seeder.dependsOn()) {
            visit(byName.get(dependency), byName, done, path, ordered);
        }
        path.remove(seeder.name());
        done.add(seeder.name());
        ordered.add(seeder);
    }

    /**
     * The seeders in the order they run.
     *
     * @return an immutable list, dependencies before dependents
     */
    public List<Seeder> seeders() {
        return ordered;
    }

    /**
     * Runs the seeders not applied yet, in order, in one transaction of {@code executor} (a
     * savepoint when one is open), recording each; a failing seeder rolls all of this call back.
     * The history table is created when missing.
     *
     * @param executor the executor to seed through; its plugins apply
     * @return the names of the seeders applied now and of those skipped as applied before
     * @throws IllegalStateException if the history table is missing inside a MySQL/MariaDB
     *                               transaction, where creating it would commit the transaction
     *                               (create it first: {@link #createHistoryTable(DSLContext)})
     * @throws RuntimeException      what a seeder threw
     */
    public SeedResult apply(Executor executor) {
        SQLDialect family = executor.dsl().dialect().family();
        if (executor.inTransaction() && (family == SQLDialect.MYSQL || family == SQLDialect.MARIADB)) {
            if (!SchemaTools.of(executor.dsl()).tableExists(HISTORY_TABLE)) {
                throw new IllegalStateException("The seed history table " + HISTORY_TABLE + " is missing and creating it"
                        + " inside a transaction on " + family + " would commit the transaction: create it beforehand"
                        + " with Seeding.createHistoryTable(dsl)");
            }
        } else {
            createHistoryTable(executor.dsl());
        }
        return executor.transactionResult(tx -> {
            Set<String> done = new HashSet<>(tx.dsl().select(NAME).from(HISTORY).fetch(NAME));
            List<String> applied = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            for (Seeder seeder : ordered) {
                if (done.contains(seeder.name())) {
                    skipped.add(seeder.name());
                } else {
                    seeder.seed(tx);
                    tx.dsl().insertInto(HISTORY, NAME).values(seeder.name()).execute();
                    applied.add(seeder.name());
                }
            }
            return new SeedResult(applied, skipped);
        });
    }

    /**
     * Creates the history table {@value #HISTORY_TABLE} if it does not exist (DDL: on MySQL/MariaDB it commits).
     *
     * @param dsl the context to create the table with
     */
    public static void createHistoryTable(DSLContext dsl) {
        dsl.createTableIfNotExists(HISTORY).column(NAME.getName(), SQLDataType.VARCHAR(255).notNull())
                .primaryKey(NAME.getName()).execute();
    }

    @Override
    public String toString() {
        return "Seeding" + ordered.stream().map(Seeder::name).toList();
    }
}
