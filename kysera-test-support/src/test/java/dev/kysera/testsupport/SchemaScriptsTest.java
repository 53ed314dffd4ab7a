package dev.kysera.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.testsupport.schema.DefaultSchema;
import java.util.List;
import java.util.Locale;
import org.jooq.Field;
import org.jooq.Named;
import org.jooq.Table;
import org.jooq.impl.DSL;

class SchemaScriptsTest {

    @MatrixTest
    void each_engine_script_creates_the_generated_tables_and_columns(TestDatabase db) {
        db.useTestSchema();
        for (Table<?> generated : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
            List<String> expected = names(List.of(generated.fields()));
            List<String> actual = names(List.of(db.dsl().select().from(DSL.table(DSL.name(generated.getName())))
                    .limit(0).fetch().fields()));
            assertThat(actual).as(generated.getName()).containsExactlyElementsOf(expected);
        }
        assertThat(names(DefaultSchema.DEFAULT_SCHEMA.getTables())).containsExactlyInAnyOrderElementsOf(TestDatabase.TEST_TABLES);
    }

    @MatrixTest
    void use_test_schema_twice_leaves_empty_tables(TestDatabase db) {
        db.useTestSchema();
        db.dsl().execute("insert into users (email, name) values ('a@example.com', 'A')");
        db.useTestSchema();
        assertThat(db.dsl().fetchCount(DSL.table(DSL.name("users")))).isZero();
    }

    @MatrixTest
    void the_class_gets_its_own_isolated_database(TestDatabase db, Engine engine) {
        assertThat(db.engine()).isEqualTo(engine);
        assertThat(db.isolationName()).startsWith("kt_");
    }

    private static List<String> names(List<? extends Named> named) {
        return named.stream().map(n -> n.getName().toLowerCase(Locale.ROOT)).toList();
    }
}
