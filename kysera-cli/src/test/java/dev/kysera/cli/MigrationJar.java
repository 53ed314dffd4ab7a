package dev.kysera.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A Java migration compiled in the test (javax.tools, against the test class path: jOOQ and
 * kysera-migrations, as a user compiles against them) and packed into a jar with its
 * {@code META-INF/services/dev.kysera.migrations.Migration} registration.
 */
final class MigrationJar {

    /** Class {@code jm.V2_AddPrices}: creates {@code <prefix>_prices} with jOOQ DDL and inserts two rows; down drops it. */
    static final String CLASS = "jm.V2_AddPrices";

    private MigrationJar() {
    }

    static String source(String prefix) {
        return """
                package jm;

                import dev.kysera.migrations.Migration;
                import dev.kysera.migrations.MigrationContext;
                import dev.kysera.migrations.MigrationVersion;
                import org.jooq.Field;
                import org.jooq.Table;
                import org.jooq.impl.DSL;
                import org.jooq.impl.SQLDataType;

                public final class V2_AddPrices implements Migration {
                    private static final Table<?> PRICES = DSL.table(DSL.name("%1$s_prices"));
                    private static final Field<Integer> ID = DSL.field(DSL.name("id"), Integer.class);
                    private static final Field<Integer> ITEM = DSL.field(DSL.name("item_id"), Integer.class);
                    private static final Field<Integer> CENTS = DSL.field(DSL.name("cents"), Integer.class);

                    @Override public MigrationVersion version() { return MigrationVersion.of("2"); }
                    @Override public String name() { return "add prices"; }

                    @Override
                    public void up(MigrationContext ctx) {
                        ctx.dsl().createTable(PRICES)
                                .column(ID, SQLDataType.INTEGER.notNull())
                                .column(ITEM, SQLDataType.INTEGER.notNull())
                                .column(CENTS, SQLDataType.INTEGER.notNull())
                                .primaryKey(ID)
                                .execute();
                        ctx.dsl().insertInto(PRICES, ID, ITEM, CENTS).values(1, 1, 250).values(2, 2, 990).execute();
                    }

                    @Override public boolean isReversible() { return true; }
                    @Override public void down(MigrationContext ctx) { ctx.dsl().dropTable(PRICES).execute(); }
                }
                """.formatted(prefix);
    }

    /** Compiles the migration into {@code dir/classes} and packs it as {@code dir/migrations.jar}. */
    static Path build(Path dir, String prefix) {
        try {
            Path classes = classes(dir, prefix);
            Path jar = dir.resolve("migrations.jar");
            try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                 Stream<Path> walk = Files.walk(classes)) {
                for (Path path : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
                    out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                    out.write(Files.readAllBytes(path));
                    out.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compiles the migration and its service registration into the class directory {@code dir/classes}. */
    static Path classes(Path dir, String prefix) throws IOException {
        Path sources = dir.resolve("java-src");
        Path classes = dir.resolve("classes");
        Files.createDirectories(sources.resolve("jm"));
        Files.writeString(sources.resolve("jm/V2_AddPrices.java"), source(prefix), StandardCharsets.UTF_8);
        Files.createDirectories(classes.resolve("META-INF/services"));
        JavaSources.compile(sources, classes);
        Files.write(classes.resolve("META-INF/services/dev.kysera.migrations.Migration"), List.of(CLASS), StandardCharsets.UTF_8);
        return classes;
    }
}
