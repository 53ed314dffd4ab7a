package dev.kysera.audit;

import static dev.kysera.audit.Fixtures.audited;
import static dev.kysera.audit.Fixtures.seedUsers;
import static dev.kysera.testsupport.schema.Tables.SETTINGS;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.executor.UnsupportedStatementException;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.util.List;
import java.util.Map;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Writes that used to be refused and are now audited exactly (batched upserts; composite keys the
 * database generates, where it reports them), and those still refused, with a typed error before
 * anything is written.
 */
class AuditRefusedPathsTest {

    private static final Table<Record> GENERATED = DSL.table(DSL.name("gen_ck"));
    private static final Field<Integer> TENANT = DSL.field(DSL.name("tenant_id"), Integer.class);
    private static final Field<Long> ID = DSL.field(DSL.name("id"), Long.class);
    private static final Field<String> NAME = DSL.field(DSL.name("name"), String.class);

    private static List<String> settings(TestDatabase db) {
        return db.dsl().select(SETTINGS.SETTING_KEY, SETTINGS.SETTING_VALUE).from(SETTINGS).orderBy(SETTINGS.SETTING_KEY).fetch()
                .map(r -> r.value1() + "=" + r.value2());
    }

    private static String entry(AuditEntry e) {
        return e.operation() + " " + new java.util.TreeMap<>(e.key()) + " " + new java.util.TreeMap<>(e.oldValues()) + " -> "
                + new java.util.TreeMap<>(e.newValues()) + " " + e.changedColumns() + " by " + e.changedBy();
    }

    @MatrixTest
    void a_jdbc_batch_of_upserts_records_each_row_as_what_happened(TestDatabase db) {
        Fixtures.Audited a = audited(db);
        a.ann().transaction(tx -> tx.dsl().insertInto(SETTINGS, SETTINGS.SETTING_KEY, SETTINGS.SETTING_VALUE).values("theme", "dark")
                .execute());
        a.ann().transaction(tx -> tx.dsl().batch(tx.dsl().insertInto(SETTINGS, SETTINGS.SETTING_KEY, SETTINGS.SETTING_VALUE)
                        .values((String) null, null).onConflict(SETTINGS.SETTING_KEY).doUpdate()
                        .set(SETTINGS.SETTING_VALUE, DSL.excluded(SETTINGS.SETTING_VALUE)))
                .bind("theme", "light").bind("lang", "en").bind("size", "m").execute());
        assertThat(settings(db)).containsExactly("lang=en", "size=m", "theme=light");
        assertThat(a.log().changes(Fixtures.T0.minusSeconds(1), Fixtures.T0.plusSeconds(1))).map(AuditRefusedPathsTest::entry)
                .containsExactly(
                        "INSERT {setting_key=theme} {} -> {setting_key=theme, setting_value=dark} [setting_key, setting_value] by ann",
                        "UPDATE {setting_key=theme} {setting_key=theme, setting_value=dark} -> {setting_key=theme, setting_value=light} "
                                + "[setting_value] by ann",
                        "INSERT {setting_key=lang} {} -> {setting_key=lang, setting_value=en} [setting_key, setting_value] by ann",
                        "INSERT {setting_key=size} {} -> {setting_key=size, setting_value=m} [setting_key, setting_value] by ann");
    }

    @MatrixTest
    void upserts_writing_one_key_twice_or_leaving_the_key_to_the_database_are_refused_and_change_nothing(TestDatabase db) {
        Fixtures.Audited a = audited(db);
        seedUsers(a, 1001);
        assertThatThrownBy(() -> a.ann().transaction(tx -> tx.dsl().batch(tx.dsl()
                        .insertInto(SETTINGS, SETTINGS.SETTING_KEY, SETTINGS.SETTING_VALUE).values((String) null, null)
                        .onConflict(SETTINGS.SETTING_KEY).doUpdate().set(SETTINGS.SETTING_VALUE, DSL.excluded(SETTINGS.SETTING_VALUE)))
                .bind("theme", "light").bind("theme", "dark").execute()))
                .isInstanceOf(UnsupportedStatementException.class).hasMessageContaining("same key more than once in one batch");
        assertThatThrownBy(() -> a.ann().transaction(tx -> tx.dsl().insertInto(USERS, USERS.EMAIL, USERS.NAME)
                .values("u1001@example.com", "again").onConflict(USERS.EMAIL).doUpdate().set(USERS.NAME, "again").execute()))
                .isInstanceOf(UnsupportedStatementException.class).hasMessageContaining("upsert whose key the database generates");
        assertThat(settings(db)).isEmpty();
        assertThat(a.users()).containsExactly(Map.of("id", 1001L, "name", "u1001", "status", "active"));
        assertThat(a.auditRows()).isEqualTo(1);
    }

    @MatrixTest
    void a_composite_key_the_database_generates_is_recorded_where_it_reports_every_key_column(TestDatabase db) {
        db.useTestSchema();
        db.dsl().execute(switch (db.engine()) {
            case POSTGRES, H2 -> "create table gen_ck (tenant_id int not null, id bigint generated by default as identity, "
                    + "name varchar(50), primary key (tenant_id, id))";
            case MARIADB -> "create table gen_ck (tenant_id int not null, id bigint not null auto_increment, name varchar(50), "
                    + "primary key (tenant_id, id), key (id))";
            case SQLITE -> "create table gen_ck (tenant_id int not null, id integer, name varchar(50), primary key (tenant_id, id))";
        });
        Fixtures.Audited a = audited(db, Fixtures.options().table(AuditedTable.of("gen_ck", "tenant_id", "id")).build());
        Runnable inserts = () -> a.ann().transaction(tx -> {
            tx.dsl().insertInto(GENERATED, TENANT, NAME).values(1, "a").values(2, "b").execute();
            tx.dsl().insertInto(GENERATED, TENANT, NAME).values(1, "c").execute();
        });
        if (db.engine() == Engine.MARIADB || db.engine() == Engine.SQLITE) {
            assertThatThrownBy(inserts::run).isInstanceOf(UnsupportedStatementException.class)
                    .hasMessageContaining("composite key [tenant_id, id]");
            assertThat(db.dsl().fetchCount(GENERATED)).isZero();
            assertThat(a.auditRows()).isZero();
            return;
        }
        inserts.run();
        List<String> rows = db.dsl().select(TENANT, ID, NAME).from(GENERATED).orderBy(NAME).fetch()
                .map(r -> r.value1() + "/" + r.value2() + "/" + r.value3());
        assertThat(rows).containsExactly("1/1/a", "2/2/b", "1/3/c");
        assertThat(a.log().changes(Fixtures.T0.minusSeconds(1), Fixtures.T0.plusSeconds(1))).map(AuditRefusedPathsTest::entry)
                .containsExactly(
                        "INSERT {id=1, tenant_id=1} {} -> {id=1, name=a, tenant_id=1} [tenant_id, id, name] by ann",
                        "INSERT {id=2, tenant_id=2} {} -> {id=2, name=b, tenant_id=2} [tenant_id, id, name] by ann",
                        "INSERT {id=3, tenant_id=1} {} -> {id=3, name=c, tenant_id=1} [tenant_id, id, name] by ann");
    }
}
