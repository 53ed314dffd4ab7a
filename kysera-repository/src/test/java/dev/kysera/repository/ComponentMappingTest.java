package dev.kysera.repository;

import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.executor.Executor;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

class ComponentMappingTest {

    public record NewUser(String email, String name, Integer tenantId) {
    }

    public record UserPatch(Optional<String> name, Optional<Integer> tenantId, String status) {
    }

    /** Fewer components than the table has columns: the default all-columns select still maps. */
    public record UserView(long id, String email, Optional<Integer> tenantId, LocalDateTime createdAt) {
    }

    static final ComponentMapping<NewUser> CREATE = ComponentMapping.of(NewUser.class, USERS);
    static final ComponentMapping<UserPatch> PATCH = ComponentMapping.of(UserPatch.class, USERS);
    static final ComponentMapping<UserView> VIEW = ComponentMapping.of(UserView.class, USERS);

    @Test
    void values_follow_the_naming_and_patch_tells_absent_from_null() {
        assertThat(CREATE.toValues(new NewUser("a@b.c", "A", null)))
                .isEqualTo(Values.of(USERS.EMAIL, "a@b.c").set(USERS.NAME, "A").set(USERS.TENANT_ID, null));
        assertThat(PATCH.toPatch(new UserPatch(null, Optional.empty(), "closed")))
                .isEqualTo(Values.of(USERS.TENANT_ID, (Integer) null).set(USERS.STATUS, "closed"));
        assertThat(PATCH.toPatch(new UserPatch(Optional.of("B"), null, null))).isEqualTo(Values.of(USERS.NAME, "B"));
        assertThat(PATCH.toValues(new UserPatch(null, Optional.of(3), null)))
                .isEqualTo(Values.of(USERS.NAME, (String) null).set(USERS.TENANT_ID, 3).set(USERS.STATUS, null));
        assertThat(VIEW.columns()).containsExactly(USERS.ID, USERS.EMAIL, USERS.TENANT_ID, USERS.CREATED_AT);
    }

    public record Wrong(String mail) {
    }

    public record WrongType(Long name) {
    }

    @Test
    void a_mapping_that_cannot_work_fails_when_it_is_made() {
        assertThatThrownBy(() -> ComponentMapping.of(Wrong.class, USERS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Wrong.mail").hasMessageContaining("'mail'");
        assertThatThrownBy(() -> ComponentMapping.of(WrongType.class, USERS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Long").hasMessageContaining("String");
        assertThatThrownBy(() -> ComponentMapping.of(Wrong.class, ComponentMapping.AS_IS, Set.of("nope"), List.of(USERS.fields())))
                .isInstanceOf(IllegalArgumentException.class);
        var emailOnly = ComponentMapping.of(Wrong.class, name -> "e" + name, Set.of(), List.of(DSL.field("email", String.class)));
        assertThat(emailOnly.toValues(new Wrong("x@y.z")).asMap()).hasSize(1);
    }

    @MatrixTest
    void create_patch_and_read_back_through_a_repository(TestDatabase db) {
        db.useTestSchema();
        Repository<UserView, Long, NewUser, UserPatch> users = Repository.builder(USERS, USERS.ID)
                .mapper(VIEW.mapper())
                .create(CREATE::toValues, dev.kysera.repository.validation.ValidationSchema.none())
                .update(PATCH::toPatch, dev.kysera.repository.validation.ValidationSchema.none())
                .build(Executor.of(db.dsl()));
        UserView ann = users.create(new NewUser("ann@example.com", "Ann", 7));
        assertThat(ann.tenantId()).contains(7);
        assertThat(ann.createdAt()).isNull();

        users.update(ann.id(), new UserPatch(null, Optional.empty(), "suspended"));
        assertThat(db.dsl().select(USERS.NAME, USERS.TENANT_ID, USERS.STATUS).from(USERS).where(USERS.ID.eq(ann.id())).fetchOne().intoList())
                .containsExactly("Ann", null, "suspended");
        users.update(ann.id(), new UserPatch(Optional.of("Anna"), null, null));
        assertThat(db.dsl().select(USERS.NAME, USERS.TENANT_ID, USERS.STATUS).from(USERS).where(USERS.ID.eq(ann.id())).fetchOne().intoList())
                .containsExactly("Anna", null, "suspended");
        assertThat(users.findById(ann.id())).contains(new UserView(ann.id(), "ann@example.com", Optional.empty(), null));
    }
}
