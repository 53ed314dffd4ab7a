package dev.kysera.rls;

import static dev.kysera.rls.Fixtures.AS_ALICE;
import static dev.kysera.testsupport.schema.Tables.POSTS;
import static dev.kysera.testsupport.schema.Tables.SETTINGS;
import static dev.kysera.testsupport.schema.Tables.TAGS;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.executor.BypassToken;
import dev.kysera.executor.Executor;
import dev.kysera.executor.StatementKind;
import dev.kysera.rls.RlsDecision.Outcome;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/** The decision audit: who, which rule, allowed / denied / bypassed, statement kind and table, recorded at execution only. */
class RlsDecisionAuditTest {

    static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    private final List<RlsDecision> recorded = new CopyOnWriteArrayList<>();

    private Executor executor(TestDatabase db, double allowedSampleRate) {
        Fixtures.seed(db);
        return Executor.of(db.dsl(), RlsPlugin.of(Fixtures.options().decisions(recorded::add).allowedSampleRate(allowedSampleRate)
                .bypassRoles("ops").clock(Clock.fixed(NOW, ZoneOffset.UTC)).build()));
    }

    @MatrixTest
    void denials_name_the_rule_table_operation_and_who(TestDatabase db) {
        Executor executor = executor(db, 0);
        DSLContext alice = Fixtures.as(executor, AS_ALICE);
        assertThatThrownBy(() -> alice.insertInto(POSTS, POSTS.ID, POSTS.TITLE, POSTS.TENANT_ID).values(2100L, "x", 2).execute())
                .isInstanceOf(RlsAccessDeniedException.class);
        assertThatThrownBy(() -> executor.dsl().selectFrom(POSTS).fetch()).isInstanceOf(RlsAccessDeniedException.class);
        assertThat(alice.selectFrom(SETTINGS).fetch()).isEmpty();
        assertThat(recorded).hasSize(3);
        RlsDecision tenant = recorded.get(0);
        assertThat(tenant).isEqualTo(new RlsDecision(NOW, Fixtures.ALICE, 1, java.util.Set.of("user"), "posts", RlsOperation.CREATE,
                tenant.statement(), Outcome.DENIED, List.of("tenant_check"), tenant.reason()));
        assertThat(tenant.reason()).contains("tenant_check");
        RlsDecision noContext = recorded.get(1);
        assertThat(noContext.outcome()).isEqualTo(Outcome.DENIED);
        assertThat(noContext.userId()).isNull();
        assertThat(noContext.table()).isEqualTo("posts");
        assertThat(noContext.operation()).isEqualTo(RlsOperation.READ);
        assertThat(noContext.reason()).isEqualTo("no RLS context is set");
        RlsDecision defaultDeny = recorded.get(2);
        assertThat(defaultDeny.outcome()).isEqualTo(Outcome.DENIED);
        assertThat(defaultDeny.statement()).isEqualTo(StatementKind.SELECT);
        assertThat(defaultDeny.table()).isEqualTo("settings");
        assertThat(defaultDeny.reason()).contains("default deny");
    }

    @MatrixTest
    void allows_are_sampled_and_bypasses_always_recorded(TestDatabase db) {
        Executor executor = executor(db, 1.0);
        assertThat(Fixtures.titles(Fixtures.as(executor, AS_ALICE))).containsExactly("a1", "a2", "b1");
        assertThat(recorded).singleElement().satisfies(d -> {
            assertThat(d.outcome()).isEqualTo(Outcome.ALLOWED);
            assertThat(d.statement()).isEqualTo(StatementKind.SELECT);
            assertThat(d.policies()).containsExactly("tenant_filter", "tenant_read", "admin_override");
        });
        recorded.clear();
        assertThat(Fixtures.titles(Fixtures.as(executor, RlsContext.of(7L, 1, "ops")))).hasSize(5);
        assertThat(recorded).singleElement().satisfies(d -> assertThat(d.outcome()).isEqualTo(Outcome.BYPASSED));
    }

    @MatrixTest
    void every_statement_through_the_bypass_token_is_recorded_with_who_table_and_operation(TestDatabase db) {
        Fixtures.seed(db);
        RlsPlugin rls = RlsPlugin.of(Fixtures.options().decisions(recorded::add).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build());
        BypassToken token = rls.claimBypassToken("nightly maintenance");
        Executor executor = Executor.of(db.dsl(), rls);
        DSLContext system = executor.with(RlsPlugin.CONTEXT, AS_ALICE).bypassing(token).dsl();
        assertThat(system.select(POSTS.TITLE).from(POSTS).join(USERS).on(USERS.ID.eq(POSTS.USER_ID)).orderBy(POSTS.ID)
                .fetch(POSTS.TITLE)).containsExactly("a1", "a2", "b1", "c1", "d1");
        assertThat(system.update(POSTS).set(POSTS.VIEWS, 9).where(POSTS.ID.eq(Fixtures.C1)).execute()).isEqualTo(1);
        assertThat(system.deleteFrom(TAGS).where(TAGS.ID.eq(2L)).execute()).isEqualTo(1); // harmless: nothing to record
        assertThat(((Number) executor.bypassing(token).dsl().fetchValue("select count(*) from posts")).intValue()).isEqualTo(5);
        String reason = "bypass token 'nightly maintenance'";
        java.util.Set<String> user = java.util.Set.of("user");
        assertThat(recorded).containsExactly(
                new RlsDecision(NOW, Fixtures.ALICE, 1, user, "posts", RlsOperation.READ, StatementKind.SELECT, Outcome.BYPASSED,
                        List.of(), reason),
                new RlsDecision(NOW, Fixtures.ALICE, 1, user, "users", RlsOperation.READ, StatementKind.SELECT, Outcome.BYPASSED,
                        List.of(), reason),
                new RlsDecision(NOW, Fixtures.ALICE, 1, user, "posts", RlsOperation.UPDATE, StatementKind.UPDATE, Outcome.BYPASSED,
                        List.of(), reason),
                new RlsDecision(NOW, null, null, java.util.Set.of(), "posts", RlsOperation.READ, StatementKind.SELECT, Outcome.BYPASSED,
                        List.of(), reason));
        assertThat(db.dsl().select(POSTS.ID, POSTS.VIEWS).from(POSTS).orderBy(POSTS.ID).fetch().map(r -> r.value1() + ":" + r.value2()))
                .containsExactly("2001:0", "2002:500", "2003:0", "2004:9", "2005:0");
        // The plugin's own executor records nothing for statements it enforced (allowed ones are not sampled).
        recorded.clear();
        assertThat(Fixtures.titles(Fixtures.as(executor, AS_ALICE))).containsExactly("a1", "a2", "b1");
        assertThat(recorded).isEmpty();
    }

    @MatrixTest
    void nothing_is_recorded_for_allowed_statements_at_rate_zero_nor_on_render(TestDatabase db) {
        DSLContext alice = Fixtures.as(executor(db, 1.0), AS_ALICE);
        String sql = alice.selectFrom(POSTS).getSQL() + alice.update(POSTS).set(POSTS.TENANT_ID, 2).toString();
        assertThat(sql).isNotEmpty();
        assertThat(recorded).isEmpty();
        recorded.clear();
        Fixtures.titles(Fixtures.as(executor(db, 0), AS_ALICE));
        assertThat(recorded).isEmpty();
    }

    @MatrixTest
    void a_failing_sink_does_not_change_the_outcome(TestDatabase db) {
        Fixtures.seed(db);
        Executor executor = Executor.of(db.dsl(), RlsPlugin.of(Fixtures.options().decisions(d -> {
            throw new IllegalStateException("sink down");
        }).allowedSampleRate(1).build()));
        assertThat(Fixtures.titles(Fixtures.as(executor, AS_ALICE))).containsExactly("a1", "a2", "b1");
    }

    @Test
    void the_logger_sink_writes_one_structured_line_and_bad_rates_are_refused() {
        RlsDecision d = new RlsDecision(NOW, 1001L, 1, java.util.Set.of("user"), "posts", RlsOperation.UPDATE, StatementKind.UPDATE,
                Outcome.DENIED, List.of("tenant_check"), "refuses tenant_id = 2");
        assertThat(LoggingDecisionSink.line(d)).isEqualTo("rls denied table=posts operation=update statement=UPDATE user=1001 tenant=1 "
                + "roles=[user] policies=[tenant_check] reason=\"refuses tenant_id = 2\"");
        DecisionSink.logger().record(d);
        assertThatThrownBy(() -> RlsOptions.builder().allowedSampleRate(1.5).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1.5");
    }
}
