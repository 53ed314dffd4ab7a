package dev.kysera.core.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.core.page.internal.Seek;
import java.util.Arrays;
import java.util.List;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;

/** What the generated SQL looks like per dialect (behaviour is tested on the real databases). */
class SortRenderingTest {

    static final Field<Integer> A = DSL.field(DSL.name("a"), SQLDataType.INTEGER);
    static final Field<Long> ID = DSL.field(DSL.name("id"), SQLDataType.BIGINT);

    static String render(SQLDialect dialect, Sort sort) {
        return DSL.using(dialect).renderInlined(DSL.selectOne().orderBy(sort.toSortFields()));
    }

    @Test
    void null_placement_is_native_where_supported_and_emulated_on_mariadb() {
        Sort sort = Sort.by(SortKey.asc(A), SortKey.desc(ID).notNull());
        for (SQLDialect dialect : List.of(SQLDialect.POSTGRES, SQLDialect.H2, SQLDialect.SQLITE)) {
            assertThat(render(dialect, sort)).as(dialect.getName()).containsIgnoringCase("a\" asc nulls last".replace('"', dialect == SQLDialect.SQLITE ? '`' : '"'));
            assertThat(render(dialect, sort)).doesNotContainIgnoringCase("id\" desc nulls").doesNotContainIgnoringCase("id` desc nulls");
        }
        // MariaDB has no NULLS FIRST/LAST: jOOQ sorts by nvl2(a, 0, 1) first, which puts NULLs last
        assertThat(render(SQLDialect.MARIADB, sort)).contains("nvl2(`a`, 0, 1), `a` asc").contains("`id` desc").doesNotContain("nulls");
    }

    @Test
    void the_seek_predicate_has_null_branches_only_where_needed() {
        Sort sort = Sort.by(SortKey.asc(A), SortKey.asc(ID).notNull());
        String afterValue = DSL.using(SQLDialect.POSTGRES).renderInlined(Seek.after(sort, List.of(5, 7L), false));
        assertThat(afterValue).isEqualTo("(\"a\" > 5 or \"a\" is null or (\"a\" = 5 and \"id\" > 7))");
        String afterNull = DSL.using(SQLDialect.POSTGRES).renderInlined(Seek.after(sort, Arrays.asList(null, 7L), false));
        assertThat(afterNull).as("nothing sorts after NULL when NULLs are last").isEqualTo("(\"a\" is null and \"id\" > 7)");
        String backwards = DSL.using(SQLDialect.POSTGRES).renderInlined(Seek.after(sort.reversed(), Arrays.asList(null, 7L), true));
        assertThat(backwards).isEqualTo("(\"a\" is not null or (\"a\" is null and \"id\" <= 7))");
        String rowValue = DSL.using(SQLDialect.POSTGRES).renderInlined(
                Seek.after(Sort.by(SortKey.desc(A).notNull(), SortKey.desc(ID).notNull()), List.of(5, 7L), false));
        assertThat(rowValue).isEqualTo("(\"a\", \"id\") < (5, 7)");
    }
}
