package dev.kysera.repository;

import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.page.CursorPage;
import dev.kysera.core.page.KeysetRequest;
import dev.kysera.core.page.Sort;
import dev.kysera.core.page.SortKey;
import dev.kysera.executor.Executor;
import dev.kysera.executor.UnsupportedStatementException;
import dev.kysera.core.filter.Filter;
import dev.kysera.core.filter.FilterColumns;
import dev.kysera.core.filter.ListRequest;
import dev.kysera.core.filter.ListRequestParser;
import dev.kysera.core.filter.Sorting;
import dev.kysera.repository.validation.ValidationSchema;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.SortField;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** The README's examples, line for line (the first test checks that), run on every database. */
class ReadmeExampleTest {

    record User(long id, String email, String name) {}
    record NewUser(String email, String name) {}
    record Signup(String email, String name) {}
    record Profile(long id, String email, Optional<Integer> tenantId) {}
    record ProfilePatch(Optional<String> name, Optional<Integer> tenantId) {}

    @Test
    void every_line_of_the_readme_examples_is_in_this_test() throws IOException {
        Set<String> here = Files.readAllLines(Path.of("src/test/java/dev/kysera/repository/ReadmeExampleTest.java")).stream()
                .map(String::strip).collect(Collectors.toSet());
        List<String> missing = new ArrayList<>();
        boolean inJava = false;
        for (String line : Files.readAllLines(Path.of("README.md"))) {
            if (line.startsWith("```")) {
                inJava = line.equals("```java");
            } else if (inJava && !line.isBlank() && !here.contains(line.strip())) {
                missing.add(line);
            }
        }
        assertThat(missing).as("README lines not compiled by this test").isEmpty();
    }

    @MatrixTest
    void the_readme_examples_run(TestDatabase db) {
        db.useTestSchema();
        Executor executor = Executor.of(db.dsl());

        ValidationSchema<NewUser> newUser = ValidationSchema.<NewUser, String>field("email", NewUser::email,
                e -> e != null && e.contains("@"), "must be an e-mail address");

        Repository<User, Long, NewUser, Values> users = Repository.builder(USERS, USERS.ID)
                .mapper(r -> new User(r.get(USERS.ID), r.get(USERS.EMAIL), r.get(USERS.NAME)))
                .create(u -> Values.of(USERS.EMAIL, u.email()).set(USERS.NAME, u.name()), newUser)
                .version(USERS.VERSION)                        // optimistic locking
                .build(executor);

        User john = users.create(new NewUser("john@example.com", "John"));   // INSERT … RETURNING
        users.update(john.id(), Values.of(USERS.NAME, "Johnny"));             // partial update, returns the row (version 0 → 1)
        users.update(john.id(), 1, Values.of(USERS.NAME, "J"));               // OptimisticLockException if stale
        users.findMany(USERS.NAME.like("J%"), 10, USERS.NAME.asc());
        users.transition(john.id(), USERS.STATUS, "active", "suspended");    // compare-and-set, see below
        users.findKeyset(DSL.noCondition(), Sort.by(SortKey.asc(USERS.NAME), SortKey.asc(USERS.ID)), KeysetRequest.first(20));
        assertThatThrownBy(() -> users.update(john.id(), 1, Values.of(USERS.NAME, "stale"))).isInstanceOf(OptimisticLockException.class);

        String outcome = switch (users.transition(john.id(), USERS.STATUS, "suspended", "active")) {
            case TransitionResult.Applied<User>(User user) -> "reactivated " + user.name();
            case TransitionResult.Rejected<User>(User current) -> "not suspended: " + current.name();
            case TransitionResult.NotFound<User> missing -> "no such user";
        };
        assertThat(outcome).isEqualTo("reactivated J");

        ConflictTarget liveEmail = ConflictTarget.of(USERS.EMAIL).where(USERS.DELETED_AT.isNull());
        if (db.engine() == Engine.POSTGRES || db.engine() == Engine.SQLITE) {
            User upserted = users.upsert(new NewUser("ann@example.com", "Ann"), liveEmail);  // ON CONFLICT (email) WHERE deleted_at IS NULL
            assertThat(upserted.name()).isEqualTo("Ann");
        } else {
            assertThatThrownBy(() -> users.upsert(new NewUser("ann@example.com", "Ann"), liveEmail))
                    .isInstanceOf(UnsupportedStatementException.class);
            users.create(new NewUser("ann@example.com", "Ann"));
        }
        users.create(new NewUser("bob@example.com", "Bob"));
        users.create(new NewUser("cy@example.com", "Cy"));

        FilterColumns columns = FilterColumns.of(USERS.NAME, USERS.STATUS, USERS.CREATED_AT);
        Condition where = Filter.parseQuery(Map.of("status[in]", "active,suspended", "name[contains]", "50%"), columns);
        List<SortField<?>> order = Sorting.parse("name,-created_at", columns);
        List<User> matching = users.findMany(where, 50, order.toArray(SortField[]::new));
        assertThat(matching).isEmpty();

        ListRequestParser parser = ListRequestParser.builder(FilterColumns.of(USERS.NAME, USERS.STATUS, USERS.CREATED_AT), USERS.ID)
                .defaultSort("-created_at")
                .build();
        ListRequest request = parser.parseMultiValued(Map.of("status[in]", List.of("active", "suspended"), "sort", List.of("name"), "limit", List.of("2")));
        CursorPage<User> page = request.fetch(users::findKeyset);
        CursorPage<User> next = parser.parseMultiValued(Map.of("sort", List.of("name"), "cursor", List.of(page.nextCursor().orElseThrow()))).fetch(users::findKeyset);
        assertThat(page.content()).extracting(User::name).containsExactly("Ann", "Bob");
        assertThat(next.content()).extracting(User::name).containsExactly("Cy", "J");

        Repository<Profile, Long, Signup, ProfilePatch> profiles = Repository.builder(USERS, USERS.ID)
                .mapper(ComponentMapping.of(Profile.class, USERS).mapper())
                .create(ComponentMapping.of(Signup.class, USERS)::toValues, ValidationSchema.none())
                .update(ComponentMapping.of(ProfilePatch.class, USERS)::toPatch, ValidationSchema.none())
                .build(executor);
        Profile dee = profiles.create(new Signup("dee@example.com", "Dee"));
        profiles.update(dee.id(), new ProfilePatch(null, Optional.empty()));   // name untouched, tenant_id set to NULL
        assertThat(users.findById(dee.id())).map(User::name).contains("Dee");
    }
}
