package dev.kysera.cli.internal;

/**
 * The source {@code migrate create --java} writes: a kysera-migrations {@code Migration} whose up and
 * down steps refuse to run until they are written, so an unedited template can never be recorded as
 * applied (as an SQL file without statements is refused).
 */
final class JavaMigrationTemplate {

    private JavaMigrationTemplate() {
    }

    static String source(String packageName, String className, String version, String name) {
        String unwritten = JavaNames.literal("migration " + version + " (" + name + "): write its ");
        return """
                package %1$s;

                import dev.kysera.migrations.Migration;
                import dev.kysera.migrations.MigrationContext;
                import dev.kysera.migrations.MigrationVersion;

                /** %5$s */
                public final class %2$s implements Migration {

                    @Override
                    public MigrationVersion version() {
                        return MigrationVersion.of(%3$s);
                    }

                    @Override
                    public String name() {
                        return %4$s;
                    }

                    @Override
                    public void up(MigrationContext context) {
                        // With jOOQ's DSL one migration serves every dialect, e.g.
                        // context.dsl().createTable("customers")
                        //         .column("id", org.jooq.impl.SQLDataType.BIGINT.notNull())
                        //         .column("name", org.jooq.impl.SQLDataType.VARCHAR(200).notNull())
                        //         .primaryKey("id")
                        //         .execute();
                        throw new UnsupportedOperationException(%6$s + "up step");
                    }

                    /** Delete this method and isReversible() if the change cannot be reverted. */
                    @Override
                    public void down(MigrationContext context) {
                        // context.dsl().dropTable("customers").execute();
                        throw new UnsupportedOperationException(%6$s + "down step");
                    }

                    @Override
                    public boolean isReversible() {
                        return true;
                    }
                }
                """.formatted(packageName, className, JavaNames.literal(version), JavaNames.literal(name),
                name.replace("*/", "* /").replace("\\u", "\\\\u"), unwritten);
    }
}
