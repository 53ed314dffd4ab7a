package dev.kysera.rls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

/**
 * The application role {@link PostgresPolicies#generate(RlsOptions, String, NativeAppRole)} creates
 * and grants, on a real PostgreSQL: restricted attributes, membership of the migrating user,
 * privileges on exactly the covered tables and their sequences, idempotent up and down, and a down
 * that leaves no role, grant or policy behind.
 */
class NativeAppRolePostgresTest {

    private static final List<String> DML = List.of("SELECT", "INSERT", "UPDATE", "DELETE");

    private static String newRoleName() {
        return "kysera_rls_t_" + Long.toHexString(System.nanoTime());
    }

    private static <T> T value(DSLContext dsl, String sql, Class<T> type, Object... binds) {
        return dsl.fetchOne(sql, binds).get(0, type);
    }

    private static PostgresPolicies.Migration migration(TestDatabase db, NativeAppRole role) {
        return PostgresPolicies.generate(Fixtures.options().build(), db.isolationName(), role);
    }

    private static void apply(TestDatabase db, List<String> statements) {
        statements.forEach(sql -> db.dsl().execute(sql));
    }

    private static List<Boolean> tablePrivileges(TestDatabase db, String role, String table) {
        return DML.stream().map(privilege -> value(db.dsl(), "select has_table_privilege(?, ?, ?)", Boolean.class,
                role, db.isolationName() + "." + table, privilege)).toList();
    }

    private static boolean sequenceUsage(TestDatabase db, String role, String table) {
        return value(db.dsl(), "select has_sequence_privilege(?, pg_get_serial_sequence(?, 'id'), 'USAGE')", Boolean.class,
                role, db.isolationName() + "." + table);
    }

    private static int count(TestDatabase db, String sql, Object... binds) {
        return value(db.dsl(), sql, Integer.class, binds);
    }

    @MatrixTest(only = Engine.POSTGRES)
    void up_creates_a_restricted_role_with_exactly_the_covered_tables_and_down_removes_it(TestDatabase db) {
        Fixtures.seed(db);
        String role = newRoleName();
        PostgresPolicies.Migration migration = migration(db, NativeAppRole.named(role));
        apply(db, migration.up());
        apply(db, migration.up()); // idempotent

        assertThat(db.dsl().fetchOne("select rolcanlogin, rolsuper, rolbypassrls from pg_roles where rolname = ?", role).intoList())
                .containsExactly(false, false, false);
        assertThat(value(db.dsl(), "select pg_has_role(current_user, ?, 'MEMBER')", Boolean.class, role)).isTrue();
        for (String covered : List.of("users", "posts", "settings")) {
            assertThat(tablePrivileges(db, role, covered)).as(covered).containsExactly(true, true, true, true);
        }
        assertThat(tablePrivileges(db, role, "tags")).as("not covered by the rules").containsExactly(false, false, false, false);
        assertThat(sequenceUsage(db, role, "users")).isTrue();
        assertThat(sequenceUsage(db, role, "posts")).isTrue();
        assertThat(sequenceUsage(db, role, "tags")).isFalse();

        // As the role, in a transaction with Alice's context: her tenant's rows only, and no other table.
        int posts = count(db, "select count(*) from posts");
        assertThatThrownBy(() -> db.dsl().transaction(tx -> {
            DSLContext dsl = tx.dsl();
            dsl.execute("set local role " + role);
            dsl.execute("select set_config('kysera.user_id', '1001', true), set_config('kysera.tenant_id', '1', true), "
                    + "set_config('kysera.roles', 'user', true)");
            assertThat(value(dsl, "select current_user", String.class)).isEqualTo(role);
            assertThat(dsl.fetch("select name from users order by name").getValues(0, String.class)).containsExactly("alice", "bob");
            assertThat(dsl.execute("insert into posts (user_id, title, tenant_id) values (1001, 'new', 1)")).isEqualTo(1);
            dsl.fetch("select * from tags");
        })).isInstanceOf(DataAccessException.class).satisfies(e -> assertThat(((DataAccessException) e).sqlState()).isEqualTo("42501"));
        assertThat(count(db, "select count(*) from posts")).as("the role's transaction rolled back").isEqualTo(posts);

        apply(db, migration.down());
        apply(db, migration.down()); // idempotent
        assertThat(count(db, "select count(*) from pg_roles where rolname = ?", role)).isZero();
        assertThat(count(db, "select count(*) from information_schema.table_privileges where grantee = ?", role)).isZero();
        assertThat(count(db, "select count(*) from pg_policies where schemaname = ?", db.isolationName())).isZero();
    }

    @MatrixTest(only = Engine.POSTGRES)
    void extra_grants_schema_wide_grants_and_login_are_what_was_asked(TestDatabase db) {
        Fixtures.seed(db);
        String role = newRoleName();
        PostgresPolicies.Migration extra = migration(db, NativeAppRole.named(role).withGrant("tags", "select", "INSERT"));
        apply(db, extra.up());
        assertThat(tablePrivileges(db, role, "tags")).containsExactly(true, true, false, false);
        assertThat(sequenceUsage(db, role, "tags")).isTrue();
        assertThat(tablePrivileges(db, role, "categories")).containsExactly(false, false, false, false);
        apply(db, extra.down());
        assertThat(count(db, "select count(*) from pg_roles where rolname = ?", role)).isZero();

        PostgresPolicies.Migration wide = migration(db, NativeAppRole.named(role).withAllTablesInSchema(true).withLogin(true));
        apply(db, wide.up());
        assertThat(value(db.dsl(), "select rolcanlogin from pg_roles where rolname = ?", Boolean.class, role)).isTrue();
        assertThat(tablePrivileges(db, role, "categories")).containsExactly(true, true, true, true);
        assertThat(sequenceUsage(db, role, "categories")).isTrue();
        apply(db, wide.down());
        assertThat(count(db, "select count(*) from pg_roles where rolname = ?", role)).isZero();
        assertThat(count(db, "select count(*) from information_schema.table_privileges where grantee = ?", role)).isZero();
    }

    @MatrixTest(only = Engine.POSTGRES)
    void an_existing_role_that_bypasses_row_level_security_is_refused(TestDatabase db) {
        Fixtures.seed(db);
        String role = newRoleName();
        db.dsl().execute("create role " + role + " nologin bypassrls");
        try {
            PostgresPolicies.Migration migration = migration(db, NativeAppRole.named(role));
            String createRole = migration.up().stream().filter(sql -> sql.contains("create role")).findFirst().orElseThrow();
            assertThatThrownBy(() -> db.dsl().execute(createRole)).isInstanceOf(DataAccessException.class)
                    .satisfies(e -> assertThat(((DataAccessException) e).sqlState()).isEqualTo("42501"))
                    .hasMessageContaining("bypasses row-level security");
        } finally {
            db.dsl().execute("drop role " + role);
        }
    }

    @MatrixTest(only = Engine.POSTGRES)
    void down_keeps_a_role_that_still_holds_privileges_elsewhere(TestDatabase db) {
        Fixtures.seed(db);
        String role = newRoleName();
        PostgresPolicies.Migration migration = migration(db, NativeAppRole.named(role));
        apply(db, migration.up());
        db.dsl().execute("create table " + db.isolationName() + ".elsewhere (id int)");
        db.dsl().execute("grant select on " + db.isolationName() + ".elsewhere to " + role);
        try {
            apply(db, migration.down());
            assertThat(count(db, "select count(*) from pg_roles where rolname = ?", role)).isOne();
            assertThat(tablePrivileges(db, role, "users")).containsExactly(false, false, false, false);
            assertThat(tablePrivileges(db, role, "elsewhere")).containsExactly(true, false, false, false);
        } finally {
            db.dsl().execute("drop table " + db.isolationName() + ".elsewhere");
            db.dsl().execute("drop role " + role);
        }
    }

    @Test
    void bad_names_and_privileges_are_refused_naming_the_value() {
        for (String bad : List.of("bad-name", "pg_app", "public", "none", "a".repeat(64), " ")) {
            assertThatThrownBy(() -> NativeAppRole.named(bad)).isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad.toLowerCase(java.util.Locale.ROOT) + "'");
        }
        assertThatThrownBy(() -> NativeAppRole.named("app").withGrant("audit_log", "truncate"))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("'truncate'");
        assertThatThrownBy(() -> NativeAppRole.named("app").withGrant("audit log", "select"))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("'audit log'");
    }

    @Test
    void names_are_quoted_in_the_generated_sql() {
        PostgresPolicies.Migration migration = PostgresPolicies.generate(Fixtures.options().build(), "app",
                NativeAppRole.named("Kysera_App"));
        assertThat(migration.up()).contains("grant \"kysera_app\" to current_user",
                "grant delete, insert, select, update on table \"app\".\"posts\" to \"kysera_app\"");
        assertThat(migration.down().getFirst()).startsWith("do $$").contains("drop role \"kysera_app\"");
    }
}
