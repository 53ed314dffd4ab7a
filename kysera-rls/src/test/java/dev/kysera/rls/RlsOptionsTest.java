package dev.kysera.rls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;

/** Options, policies and rules are immutable and validated, naming what is wrong. */
class RlsOptionsTest {

    @Test
    void defaults_fail_closed() {
        RlsOptions defaults = RlsOptions.defaults();
        assertThat(defaults.name()).isEqualTo("rls");
        assertThat(defaults.policies()).isEmpty();
        assertThat(defaults.harmless()).isEmpty();
        assertThat(defaults.defaultDeny()).isTrue();
        assertThat(defaults.missingContext()).isEqualTo(RlsOptions.MissingContext.REFUSE);
        assertThat(RlsPlugin.create().options()).isEqualTo(defaults);
        assertThat(RlsPlugin.create().contextKey()).isSameAs(RlsPlugin.CONTEXT);
    }

    @Test
    void to_builder_round_trips_and_builders_do_not_share_state() {
        RlsOptions options = RlsOptions.builder().name("tenancy").harmless("Tags").defaultDeny(false).bypassRoles("ops")
                .missingContext(RlsOptions.MissingContext.EMPTY)
                .policy(TablePolicy.forTable("Posts").add(Policies.allowAll()).skipFor("auditor").defaultDeny(true).build())
                .build();
        assertThat(options.toBuilder().build()).isEqualTo(options);
        assertThat(options.harmless()).containsExactly("tags");
        assertThat(options.policies()).containsOnlyKeys("posts");
        TablePolicy posts = options.policies().get("posts");
        assertThat(posts.toBuilder().build()).isEqualTo(posts);
        assertThat(posts.deniesByDefault(false)).isTrue();
        RlsOptions changed = options.toBuilder().name("other").build();
        assertThat(options.name()).isEqualTo("tenancy");
        assertThat(changed.name()).isEqualTo("other");
    }

    @Test
    void a_native_role_is_an_identifier_lower_cased_and_needs_the_native_context() {
        RlsOptions options = RlsOptions.builder().nativeContext(true).nativeRole("Kysera_App").build();
        assertThat(options.nativeRole()).isEqualTo("kysera_app");
        assertThat(options.toBuilder().build()).isEqualTo(options);
        assertThat(RlsOptions.defaults().nativeRole()).isNull();
        assertThatThrownBy(() -> RlsOptions.builder().nativeContext(true).nativeRole("app\"; reset role; --").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Invalid native role");
        assertThatThrownBy(() -> RlsOptions.builder().nativeContext(true).nativeRole("r".repeat(64)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than 63");
        assertThatThrownBy(() -> RlsOptions.builder().nativeRole("kysera_app").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs nativeContext(true)");
    }

    @Test
    void bad_values_are_refused_by_name() {
        assertThatThrownBy(() -> RlsOptions.builder().name(" ").build()).hasMessageContaining("plugin name");
        assertThatThrownBy(() -> RlsOptions.builder().harmless("tags; drop").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'tags; drop'");
        assertThatThrownBy(() -> RlsOptions.builder().harmless("posts").policy(TablePolicy.forTable("posts").build()).build())
                .hasMessageContaining("'posts' has a policy and is declared harmless");
        assertThatThrownBy(() -> RlsOptions.builder().policy(TablePolicy.forTable("posts").build(), TablePolicy.forTable("POSTS").build()))
                .hasMessageContaining("'posts' already has a policy");
        assertThatThrownBy(() -> RlsOptions.builder().bypassRoles("").build()).hasMessageContaining("bypass role");
        assertThatThrownBy(() -> TablePolicy.forTable("1posts").build()).hasMessageContaining("table name: '1posts'");
        assertThatThrownBy(() -> TablePolicy.forTable("posts").add(Policies.allowAll(), Policies.allowAll()).build())
                .hasMessageContaining("Duplicate rule name 'allow_all'");
        assertThatThrownBy(() -> Rule.allow(EnumSet.noneOf(RlsOperation.class), s -> DSL.trueCondition()))
                .hasMessageContaining("at least one operation");
        assertThatThrownBy(() -> Rule.validate(EnumSet.of(RlsOperation.READ), "name", SQLDataType.VARCHAR, (c, v) -> true, null))
                .hasMessageContaining("cannot apply to READ");
        assertThatThrownBy(() -> Rule.stamp("bad column", SQLDataType.INTEGER, RlsContext::tenantId))
                .hasMessageContaining("stamped column: 'bad column'");
        assertThatThrownBy(() -> RlsPlugin.create().claimBypassToken(" ")).hasMessageContaining("bypass purpose");
        assertThatThrownBy(() -> Policies.ownership("user_id", SQLDataType.BIGINT, java.util.Set.of()))
                .hasMessageContaining("Ownership of user_id needs at least one operation");
    }

    @Test
    void rules_are_named_by_their_policy_unless_named() {
        TablePolicy policy = TablePolicy.forTable("posts")
                .filter(s -> DSL.trueCondition())
                .add(Rule.deny(RlsOperation.DELETE, s -> DSL.trueCondition()).named("never_delete").priority(5).skipFor("admin"))
                .build();
        assertThat(policy.rules()).extracting(Rule::name).containsExactly("posts_filter_1", "never_delete");
        Rule deny = policy.rules().get(1);
        assertThat(deny.meta().priority()).isEqualTo(5);
        assertThat(deny.meta().skipFor()).containsExactly("admin");
    }

    @Test
    void contexts_are_immutable_and_report_absent_values() {
        RlsContext context = RlsContext.of(1L, null, "user").withRoles("admin").withPermissions("read").withAttribute("plan", "pro");
        assertThat(context.roles()).containsExactlyInAnyOrder("user", "admin");
        assertThat(context.hasPermission("read")).isTrue();
        assertThat(context.attribute("plan")).isEqualTo("pro");
        assertThat(context.findTenantId()).isEmpty();
        assertThatThrownBy(context::tenantId).isInstanceOf(RlsContext.MissingValueException.class).hasMessageContaining("tenant id");
        assertThatThrownBy(() -> context.attribute("region")).isInstanceOf(RlsContext.MissingValueException.class);
        assertThat(RlsContext.user(1L).roles()).isEmpty();
    }
}
