package dev.kysera.executor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.executor.plan.RowLock;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** Fails when a jOOQ upgrade changes the implementation fields {@link JooqInternals#lockOf} reads the locking clause from. */
class JooqLockContractTest {

    private static final DSLContext PG = DSL.using(SQLDialect.POSTGRES);
    private static final Table<?> T = DSL.table(DSL.name("t"));
    private static final Table<?> U = DSL.table(DSL.name("u"));

    @Test
    void the_locking_clause_of_a_select_is_read() {
        assertThat(JooqInternals.readsLocks()).isTrue();
        assertThat(JooqInternals.lockOf(PG.selectFrom(T))).isEqualTo(SelectLock.NONE);
        assertThat(JooqInternals.lockOf(PG.selectFrom(T).forUpdate())).isEqualTo(new SelectLock(RowLock.UPDATE, Set.of(), true));
        assertThat(JooqInternals.lockOf(PG.selectFrom(T).forNoKeyUpdate().skipLocked()).mode()).isEqualTo(RowLock.NO_KEY_UPDATE);
        assertThat(JooqInternals.lockOf(PG.selectFrom(T).forShare().noWait()).mode()).isEqualTo(RowLock.SHARE);
        assertThat(JooqInternals.lockOf(PG.selectFrom(T).forKeyShare()).mode()).isEqualTo(RowLock.KEY_SHARE);
        assertThat(JooqInternals.lockOf(PG.select().from(T).join(U).on(DSL.trueCondition()).forUpdate().of(U)))
                .isEqualTo(new SelectLock(RowLock.UPDATE, Set.of("u"), true));
        // A column counts by its qualifier and by its own name (which PostgreSQL reads as a table's).
        assertThat(JooqInternals.lockOf(PG.select().from(T).forUpdate().of(DSL.field(DSL.name("T", "id")))).of())
                .containsExactlyInAnyOrder("t", "id");
        assertThat(JooqInternals.lockOf(PG.select().from(T).forUpdate().of(DSL.field(DSL.name("t")))).of()).containsExactly("t");
        // The copies the executor rewrites keep the clause; a parsed statement has it too.
        assertThat(JooqInternals.lockOf(PG.selectFrom(T).forShare().$where(DSL.falseCondition())).mode()).isEqualTo(RowLock.SHARE);
        assertThat(JooqInternals.lockOf(PG.parser().parseSelect("select * from t as x for update of x")))
                .isEqualTo(new SelectLock(RowLock.UPDATE, Set.of("x"), true));
    }

    @Test
    void a_select_of_an_implementation_it_cannot_read_is_unknown_never_unlocked() {
        var foreign = (org.jooq.Select<?>) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {org.jooq.Select.class}, (proxy, method, args) -> null);
        assertThat(JooqInternals.lockOf(foreign)).isEqualTo(SelectLock.UNKNOWN);
        assertThat(SelectLock.UNKNOWN.known()).isFalse();
        assertThat(SelectLock.UNKNOWN.on(T)).isEqualTo(RowLock.UPDATE);
    }

    @Test
    void a_lock_covers_the_tables_it_names() {
        SelectLock ofU = new SelectLock(RowLock.UPDATE, Set.of("u"), true);
        assertThat(ofU.on(U)).isEqualTo(RowLock.UPDATE);
        assertThat(ofU.on(T)).isEqualTo(RowLock.NONE);
        assertThat(ofU.on(T.as("U"))).isEqualTo(RowLock.UPDATE);
        assertThat(ofU.inherited(U.as("u"))).isEqualTo(new SelectLock(RowLock.UPDATE, Set.of(), true));
        assertThat(ofU.inherited(T)).isEqualTo(SelectLock.NONE);
        assertThat(SelectLock.NONE.on(T)).isEqualTo(RowLock.NONE);
    }
}
