package dev.kysera.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.core.dialect.SchemaTools;
import dev.kysera.executor.Executor;
import dev.kysera.migrations.MigrationConfig;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;

/** {@code @TestSchema(migrations = …)}: the isolated databases are migrated by kysera-migrations, on every database. */
class MigrationsSchemaTest {

    @EngineFixture
    @KyseraTest
    @TestSchema(migrations = "db/notes")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class Fixture {
        @Order(1)
        @OnAllDatabases
        void theMigratedTablesExist(Executor executor, dev.kysera.testing.TestDatabase db) {
            SchemaTools tools = SchemaTools.of(db.dsl());
            assertThat(tools.tableExists("notes")).isTrue();
            assertThat(tools.tableExists("note_tags")).isTrue();
            assertThat(db.dsl().fetchCount(DSL.table(DSL.name(MigrationConfig.DEFAULT_HISTORY_TABLE)))).isEqualTo(2);
            executor.dsl().execute("insert into notes (id, body) values (1, 'rolled back')");
        }

        @Order(2)
        @Commit(clean = Cleaning.DELETE, keep = MigrationConfig.DEFAULT_HISTORY_TABLE)
        @OnAllDatabases
        void aCommittingTestIsCleanedButTheHistoryKept(Executor executor, dev.kysera.testing.TestDatabase db) {
            assertThat(db.dsl().fetchCount(DSL.table(DSL.name("notes")))).isZero();
            executor.dsl().execute("insert into notes (id, body) values (2, 'committed')");
            executor.dsl().execute("insert into note_tags (note_id, tag) values (2, 'x')");
        }

        @Order(3)
        @OnAllDatabases
        void onlyTheHistoryIsLeft(dev.kysera.testing.TestDatabase db) {
            assertThat(db.dsl().fetchCount(DSL.table(DSL.name("notes")))).isZero();
            assertThat(db.dsl().fetchCount(DSL.table(DSL.name("note_tags")))).isZero();
            assertThat(db.dsl().fetchCount(DSL.table(DSL.name(MigrationConfig.DEFAULT_HISTORY_TABLE)))).isEqualTo(2);
        }
    }

    @MatrixTest
    void migratesEveryIsolatedDatabase(TestDatabase outer) {
        Kit.runOn(Fixture.class, Kit.database(outer.engine())).assertStatistics(s -> s.started(3).succeeded(3));
    }
}
