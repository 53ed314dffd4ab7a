package dev.kysera.repository;

import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.error.BadRequestException;
import dev.kysera.core.page.CursorPage;
import dev.kysera.core.page.KeysetRequest;
import dev.kysera.core.page.Page;
import dev.kysera.core.page.PageRequest;
import dev.kysera.core.page.Sort;
import dev.kysera.core.page.SortKey;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jooq.impl.DSL;

class RepositoryPagingTest {

    private static final Sort BY_NAME_THEN_ID = Sort.by(SortKey.asc(USERS.NAME).notNull(), SortKey.asc(USERS.ID).notNull());

    @MatrixTest
    void offset_pages_with_totals(TestDatabase db) {
        var users = RepositoryTest.users(db);
        List<RepositoryTest.NewUser> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(RepositoryTest.newUser(i));
        }
        users.createMany(batch);
        Page<RepositoryTest.User> second = users.findPage(DSL.noCondition(), PageRequest.of(2, 2), USERS.EMAIL.asc());
        assertThat(second.content()).extracting(RepositoryTest.User::name).containsExactly("User 2", "User 3");
        assertThat(second.totalElements()).isEqualTo(5);
        assertThat(second.totalPages()).isEqualTo(3);
        assertThat(second.hasNext()).isTrue();
        assertThat(second.hasPrevious()).isTrue();
        Page<RepositoryTest.User> filtered = users.findPage(USERS.NAME.ne("User 0"), PageRequest.of(1, 10), USERS.EMAIL.asc());
        assertThat(filtered.totalElements()).isEqualTo(4);
    }

    /** Rows inserted behind the cursor while paging must neither be repeated nor shift later pages. */
    @MatrixTest
    void keyset_paging_through_a_table_while_rows_are_inserted(TestDatabase db) {
        var users = RepositoryTest.users(db);
        List<RepositoryTest.NewUser> batch = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            batch.add(new RepositoryTest.NewUser("m" + i + "@example.com", "m" + (char) ('a' + i % 26) + i));
        }
        users.createMany(batch);
        Set<Long> seen = new HashSet<>();
        List<String> names = new ArrayList<>();
        KeysetRequest request = KeysetRequest.first(7);
        int inserted = 0;
        while (true) {
            CursorPage<RepositoryTest.User> page = users.findKeyset(DSL.noCondition(), BY_NAME_THEN_ID, request);
            for (RepositoryTest.User user : page.content()) {
                assertThat(seen.add(user.id())).as("row repeated: %s", user).isTrue();
                names.add(user.name());
            }
            // A row sorting before everything seen so far: keyset paging must not pick it up or shift.
            users.create(new RepositoryTest.NewUser("early" + inserted + "@example.com", "a-early-" + inserted++));
            if (page.nextCursor().isEmpty()) {
                break;
            }
            request = KeysetRequest.of(7, page.nextCursor().get());
        }
        assertThat(seen).hasSize(30);
        assertThat(names).isSorted();
    }

    @MatrixTest
    void a_tampered_cursor_is_a_bad_request(TestDatabase db) {
        var users = RepositoryTest.users(db);
        users.createMany(List.of(RepositoryTest.newUser(1), RepositoryTest.newUser(2), RepositoryTest.newUser(3)));
        String cursor = users.findKeyset(DSL.noCondition(), BY_NAME_THEN_ID, KeysetRequest.first(1)).nextCursor().orElseThrow();
        String tampered = cursor.substring(0, cursor.length() - 2) + (cursor.endsWith("A") ? "B" : "A") + cursor.charAt(cursor.length() - 1);
        assertThatThrownBy(() -> users.findKeyset(DSL.noCondition(), BY_NAME_THEN_ID, KeysetRequest.of(1, tampered)))
                .isInstanceOf(BadRequestException.class);
    }
}
