package dev.kysera.rls;

import static dev.kysera.rls.RlsOperation.CREATE;
import static dev.kysera.rls.RlsOperation.DELETE;
import static dev.kysera.rls.RlsOperation.UPDATE;
import static dev.kysera.testsupport.schema.Tables.CATEGORIES;
import static dev.kysera.testsupport.schema.Tables.POSTS;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.executor.BypassToken;
import dev.kysera.executor.Executor;
import dev.kysera.executor.UnsupportedStatementException;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.util.EnumSet;
import org.jooq.DSLContext;

/** The README example, as written there, on the fixture rows. */
class RlsReadmeTest {

    @MatrixTest
    void readme_example(TestDatabase db) {
        Fixtures.seed(db);
        DSLContext dsl = db.dsl();
        long foreignId = Fixtures.C1;

        RlsPlugin rls = RlsPlugin.of(RlsOptions.builder()
                .policy(TablePolicy.forTable("users")
                        .add(Policies.tenantIsolation(USERS.TENANT_ID))         // filter + stamp + check tenant_id
                        .add(Policies.allowAll())
                        .build())
                .policy(TablePolicy.forTable("posts")
                        .add(Policies.tenantIsolation(POSTS.TENANT_ID))
                        .add(Rule.allowIf(EnumSet.of(RlsOperation.READ), ctx -> true))          // the tenant reads all its posts
                        .add(Policies.ownership(POSTS.USER_ID, EnumSet.of(CREATE, UPDATE, DELETE))) // owners write their own
                        .add(Policies.adminOverride("admin"))                                      // admins write any of the tenant's
                        .add(Rule.deny(RlsOperation.DELETE, s -> s.column(POSTS.VIEWS).gt(100)).named("keep_popular"))
                        .build())
                .harmless("tags")                                              // no policy, open to everyone
                .build());
        BypassToken maintenance = rls.claimBypassToken("nightly maintenance"); // once, at wiring time
        Executor executor = Executor.of(dsl, rls);

        DSLContext alice = executor.with(RlsPlugin.CONTEXT, RlsContext.of(1001L, 1, "user")).dsl();
        assertThat(alice.selectFrom(POSTS).fetch(POSTS.TITLE)).containsExactlyInAnyOrder("a1", "a2", "b1");
        alice.insertInto(POSTS, POSTS.ID, POSTS.TITLE).values(2100L, "hello").execute();
        assertThatThrownBy(() -> alice.update(POSTS).set(POSTS.TENANT_ID, 2).execute())
                .isInstanceOf(RlsAccessDeniedException.class).hasMessageContaining("tenant_check");
        assertThat(alice.deleteFrom(POSTS).where(POSTS.ID.eq(foreignId)).execute()).isZero();
        assertThatThrownBy(() -> executor.dsl().selectFrom(POSTS).fetch())
                .isInstanceOf(RlsAccessDeniedException.class).hasMessageContaining("no RLS context");
        assertThatThrownBy(() -> alice.selectFrom(CATEGORIES).fetch()).isInstanceOf(UnsupportedStatementException.class);
        assertThat(executor.bypassing(maintenance).dsl().selectFrom(POSTS).fetch()).hasSize(6);

        var hello = db.dsl().selectFrom(POSTS).where(POSTS.ID.eq(2100L)).fetchOne();
        assertThat(hello.getTenantId()).isEqualTo(1);
        assertThat(hello.getUserId()).isEqualTo(1001L);
    }
}
