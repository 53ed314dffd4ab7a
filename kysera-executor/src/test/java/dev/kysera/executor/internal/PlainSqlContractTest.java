package dev.kysera.executor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** Fails when a jOOQ upgrade renames the plain-SQL classes {@link JooqInternals} recognises. */
class PlainSqlContractTest {

    @Test
    void jooq_plain_sql_parts_are_recognised() {
        assertThat(JooqInternals.isPlainSqlQuery(DSL.using(org.jooq.SQLDialect.SQLITE).resultQuery("select 1"))).isTrue();
        assertThat(JooqInternals.isPlainSqlQuery(DSL.using(org.jooq.SQLDialect.SQLITE).query("delete from t"))).isTrue();
        assertThat(JooqInternals.isPlainSqlTable(DSL.table("users"))).isTrue();
        assertThat(JooqInternals.isPlainSqlTable(DSL.table(DSL.name("users")))).isFalse();
        assertThat(JooqInternals.isPlainSqlQuery(DSL.selectOne())).isFalse();
    }

    @Test
    void fragments_inline_derived_tables_placeholders_and_returning_lists_are_recognised() {
        assertThat(JooqInternals.isPlainSqlFragment(DSL.field("(select 1)"))).isTrue();
        assertThat(JooqInternals.isPlainSqlFragment(DSL.condition("a = 1"))).isTrue();
        assertThat(JooqInternals.isPlainSqlFragment(DSL.field(DSL.name("a")))).isFalse();
        assertThat(JooqInternals.mayReadRows(DSL.condition("exists (select 1 from t)"))).isTrue();
        assertThat(JooqInternals.mayReadRows(DSL.condition("1 = 1"))).isFalse();
        assertThat(JooqInternals.isInlineDerivedTable(DSL.table(DSL.name("t")).where(DSL.noCondition()))).isTrue();
        var positional = (org.jooq.impl.QOM.Insert<?>) DSL.insertInto(DSL.table(DSL.name("t"))).values(1, 2);
        assertThat(JooqInternals.isPlaceholderColumn(positional.$columns().getFirst())).isTrue();
        var delete = DSL.deleteFrom(DSL.table(DSL.name("t"))).returning(DSL.field(DSL.name("id")));
        var inner = ((org.jooq.impl.QOM.DeleteReturning<?>) delete).$delete();
        assertThat(JooqInternals.returningOf(inner)).extracting(Object::toString).containsExactly("\"id\"");
        assertThat(JooqInternals.returningOf(DSL.deleteFrom(DSL.table(DSL.name("t"))))).isNull();
    }

    @Test
    void only_simple_identifiers_count_as_named_plain_sql_tables() {
        assertThat(TableResolver.isPlainIdentifier(DSL.table("users"))).isTrue();
        assertThat(TableResolver.isPlainIdentifier(DSL.table("app.users"))).isTrue();
        assertThat(TableResolver.isPlainIdentifier(DSL.table("users u"))).isFalse();
        assertThat(TableResolver.isPlainIdentifier(DSL.table("(select 1) t"))).isFalse();
    }
}
