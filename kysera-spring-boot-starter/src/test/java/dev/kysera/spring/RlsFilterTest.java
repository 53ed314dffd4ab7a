package dev.kysera.spring;

import static dev.kysera.testsupport.schema.Tables.POSTS;
import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kysera.executor.Executor;
import dev.kysera.rls.Policies;
import dev.kysera.rls.RlsAccessDeniedException;
import dev.kysera.rls.RlsOptions;
import dev.kysera.rls.RlsPlugin;
import dev.kysera.rls.TablePolicy;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.ClaimAccessor;

/** The tenant from a token claim; what a request without authentication gets. */
class RlsFilterTest {

    private static Executor seeded(TestDatabase db) {
        db.useTestSchema();
        db.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(1L, "o@example.com", "o").execute();
        db.dsl().insertInto(POSTS, POSTS.ID, POSTS.USER_ID, POSTS.TITLE, POSTS.TENANT_ID).values(1L, 1L, "one", 1).values(2L, 1L, "two", 2)
                .execute();
        return Executor.builder().dsl(db.dsl()).plugin(RlsPlugin.of(RlsOptions.builder()
                .policy(TablePolicy.forTable("posts").add(Policies.tenantIsolation(POSTS.TENANT_ID)).add(Policies.allowAll()).build())
                .build())).build();
    }

    @MatrixTest(only = Engine.SQLITE)
    void the_tenant_comes_from_the_principals_claim(TestDatabase db) throws Exception {
        try (Executor executor = seeded(db)) {
            KyseraRlsFilter filter = new KyseraRlsFilter(new KyseraProperties.Rls(true, null, "tenant"), null);
            ClaimAccessor jwt = () -> Map.of("tenant", 2, "sub", "carol");
            List<Object> seen = new ArrayList<>();
            SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(jwt, null, "ROLE_USER"));
            try {
                filter.doFilter(new MockHttpServletRequest(), new MockHttpServletResponse(), new MockFilterChain(new HttpServlet() {
                    @Override
                    protected void service(HttpServletRequest request, HttpServletResponse response) {
                        seen.addAll(executor.dsl().select(POSTS.TITLE).from(POSTS).fetch(POSTS.TITLE));
                    }
                }));
            } finally {
                SecurityContextHolder.clearContext();
            }
            assertThat(seen).containsExactly("two");
        }
    }

    @MatrixTest(only = Engine.SQLITE)
    void an_unauthenticated_request_has_no_context_and_its_statements_are_refused(TestDatabase db) throws Exception {
        try (Executor executor = seeded(db)) {
            KyseraRlsFilter filter = new KyseraRlsFilter(new KyseraProperties.Rls(true, null, null), null);
            List<Throwable> failures = new ArrayList<>();
            filter.doFilter(new MockHttpServletRequest(), new MockHttpServletResponse(), new MockFilterChain(new HttpServlet() {
                @Override
                protected void service(HttpServletRequest request, HttpServletResponse response) {
                    try {
                        executor.dsl().select(POSTS.TITLE).from(POSTS).fetch();
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                }
            }));
            assertThat(failures).singleElement().isInstanceOf(RlsAccessDeniedException.class);
        }
    }
}
