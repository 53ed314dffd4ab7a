package dev.kysera.debug;

import static dev.kysera.testsupport.schema.Tables.POSTS;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.select;

import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SqlFormatterTest {

    private static final String POSTGRES = """
            select "users"."id", "users"."name"
            from "users"
            join "posts" on "posts"."user_id" = "users"."id"
            where ("users"."status" = ?
              and "users"."name" like ?
              and "users"."id" in (
                select "posts"."user_id"
                from "posts"
                where "posts"."views" > ?
              ))
            order by "users"."id"
            fetch next ? rows only""";

    private static final String H2 = """
            select "users"."id", "users"."name"
            from "users"
            join "posts" on "posts"."user_id" = "users"."id"
            where ("users"."status" = cast(? as varchar(20))
              and "users"."name" like cast(? as varchar)
              and "users"."id" in (
                select "posts"."user_id"
                from "posts"
                where "posts"."views" > cast(? as int)
              ))
            order by "users"."id"
            fetch next ? rows only""";

    @ParameterizedTest
    @EnumSource(value = SQLDialect.class, names = {"SQLITE", "H2", "POSTGRES", "MARIADB"})
    void formats_what_jooq_renders_for_each_dialect(SQLDialect dialect) {
        String sql = DSL.using(dialect).render(select(USERS.ID, USERS.NAME).from(USERS).join(POSTS).on(POSTS.USER_ID.eq(USERS.ID))
                .where(USERS.STATUS.eq("active").and(USERS.NAME.like("A%")))
                .and(USERS.ID.in(select(POSTS.USER_ID).from(POSTS).where(POSTS.VIEWS.gt(10)))).orderBy(USERS.ID).limit(10));
        String expected = switch (dialect) {
            case H2 -> H2;
            case POSTGRES -> POSTGRES;
            case MARIADB -> POSTGRES.replace('"', '`');
            default -> POSTGRES.replace('"', '`').replace("fetch next ? rows only", "limit ?");
        };
        assertThat(SqlFormatter.format(sql, dialect)).isEqualTo(expected);
        assertThat(SqlFormatter.oneLine(SqlFormatter.format(sql, dialect), dialect)).isEqualTo(sql);
    }

    @ParameterizedTest
    @EnumSource(value = SQLDialect.class, names = {"SQLITE", "H2", "POSTGRES", "MARIADB"})
    void formats_each_dialects_upsert(SQLDialect dialect) {
        String sql = DSL.using(dialect).render(DSL.insertInto(USERS, USERS.EMAIL, USERS.NAME).values("a", "b")
                .onConflict(USERS.EMAIL).doUpdate().set(USERS.NAME, "c").returning(USERS.ID));
        String expected = switch (dialect) {
            case SQLITE -> """
                    insert into `users` (`email`, `name`)
                    values (?, ?) on conflict (`email`) do update set `name` = ?""";
            case POSTGRES -> """
                    insert into "users" ("email", "name")
                    values (?, ?) on conflict ("email") do update set "name" = ?
                    returning "users"."id\"""";
            case MARIADB -> """
                    insert into `users` (`email`, `name`)
                    values (?, ?) on duplicate key update `users`.`name` = ?
                    returning `id`""";
            default -> """
                    select "id"
                    from final table (
                      merge into "users"
                      using (
                        select cast(? as varchar(255)) "email", cast(? as varchar(100)) "name"
                      ) "t" on "users"."email" = "t"."email"
                      when matched then update set "users"."name" = ?
                      when not matched then insert ("email", "name")
                      values ("t"."email", "t"."name")
                    ) "users\"""";
        };
        assertThat(SqlFormatter.format(sql, dialect)).isEqualTo(expected);
    }

    @Test
    void literals_and_comments_are_never_changed() {
        String sql = "select 'a  from  b', \"x  where\" from t -- where and\nwhere a = 1 and b between 1 and 2 or c = 'and'";
        assertThat(SqlFormatter.format(sql, SQLDialect.POSTGRES)).isEqualTo("""
                select 'a  from  b', "x  where"
                from t /* where and */
                where a = 1
                  and b between 1 and 2
                  or c = 'and'""");
        assertThat(SqlFormatter.oneLine("select `a`\n\t from  t  # c", SQLDialect.MARIADB)).isEqualTo("select `a` from t /* c */");
    }

    @Test
    void writes_and_unions() {
        assertThat(SqlFormatter.format("insert into t (a, b) values (?, ?) on conflict (a) do update set b = excluded.b returning id",
                SQLDialect.POSTGRES)).isEqualTo("""
                insert into t (a, b)
                values (?, ?) on conflict (a) do update set b = excluded.b
                returning id""");
        assertThat(SqlFormatter.format("select a from t union all select a from u left outer join v on u.x = v.x and u.y = v.y",
                SQLDialect.SQLITE)).isEqualTo("""
                select a
                from t
                union all select a
                from u
                left outer join v on u.x = v.x
                  and u.y = v.y""");
    }

    @Test
    void odd_input_does_not_fail() {
        assertThat(SqlFormatter.format("select ((a)) ) from 'unterminated", SQLDialect.H2)).isEqualTo("select ((a)))\nfrom 'unterminated");
        assertThat(SqlFormatter.format("", SQLDialect.H2)).isEmpty();
    }
}
