package dev.kysera.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.time.Duration;
import org.jooq.impl.SQLDataType;

/** The README's example, as written there, on every database (each class has its own isolated database). */
class ReadmeExampleTest {

    /** A Java migration: jOOQ DDL, so one class serves every dialect. */
    static final class V1_CreateUsers implements Migration {
        @Override public MigrationVersion version() { return MigrationVersion.of("1"); }
        @Override public String name() { return "create users"; }

        @Override
        public void up(MigrationContext ctx) {
            ctx.dsl().createTable("users")
                    .column("id", SQLDataType.INTEGER.notNull())
                    .column("email", SQLDataType.VARCHAR(200).notNull())
                    .primaryKey("id")
                    .execute();
        }

        @Override public boolean isReversible() { return true; }
        @Override public void down(MigrationContext ctx) { ctx.dsl().dropTable("users").execute(); }
    }

    @MatrixTest
    void the_readme_example_runs(TestDatabase db) {
        javax.sql.DataSource dataSource = db.dataSource();

        MigrationConfig config = MigrationConfig.builder()
                .dataSource(dataSource)                              // dialect detected; or .dialect(SQLDialect.POSTGRES)
                .migrations(new V1_CreateUsers())                    // Java migrations, listed explicitly
                .source(MigrationSources.classpath("db/readme"))     // V2__add_posts.sql
                .lockTimeout(Duration.ofSeconds(30))
                .build();
        Migrator migrator = Migrator.create(config);

        MigrationResult plan = migrator.dryRunUp(UpTarget.all());    // nothing changes
        System.out.print(plan.script());
        MigrationResult applied = migrator.up();                     // v1, then v2
        migrator.validate();                                         // throws if an applied migration was edited
        migrator.down(DownTarget.steps(1));                          // reverts v2 only

        assertThat(plan.script()).startsWith("-- up 1: create users\ncreate table ").contains("-- up 2: add posts\n");
        assertThat(applied.statements()).isEqualTo(plan.statements());
        assertThat(migrator.status().migrations()).extracting(MigrationInfo::state)
                .containsExactly(MigrationState.APPLIED, MigrationState.PENDING);
        assertThat(dev.kysera.core.dialect.SchemaTools.of(db.dsl()).tableExists("posts")).isFalse();
        migrator.down(DownTarget.toVersion("0"));
    }
}
