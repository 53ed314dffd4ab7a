package dev.kysera.repository;

import static dev.kysera.testsupport.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kysera.core.error.UniqueConstraintException;
import dev.kysera.executor.Assignment;
import dev.kysera.executor.ContextKey;
import dev.kysera.executor.Executor;
import dev.kysera.executor.Operation;
import dev.kysera.executor.Plugin;
import dev.kysera.executor.PluginRoles;
import dev.kysera.executor.TableReference;
import dev.kysera.repository.RepositoryTest.NewUser;
import dev.kysera.repository.RepositoryTest.User;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The repository's statement shapes: findById and create run over JDBC once planned (the
 * executor's fast path), with this call's tenant, returning exactly what the jOOQ path returns.
 */
class RepositoryShapeTest {

    static final ContextKey<Integer> TENANT = ContextKey.of("tenant", Integer.class);

    /** Users belong to a tenant: reads filtered by it (none without one), inserts stamped with it. */
    static final class Tenancy implements Plugin {
        @Override
        public String name() {
            return "tenancy";
        }

        @Override
        public boolean appliesTo(TableReference table) {
            return table.name().equals("users");
        }

        @Override
        public void register(PluginRoles roles) {
            roles.rowFilter((table, operation, context) -> Optional.of(context.get(TENANT)
                            .map(tenant -> table.field("tenant_id", SQLDataType.INTEGER).eq(tenant)).orElse(DSL.falseCondition())))
                    .writeValues((table, operation, context) -> operation == Operation.INSERT
                            ? context.get(TENANT).map(t -> List.of(Assignment.of("tenant_id", t))).orElse(List.of()) : List.of());
        }
    }

    private static List<String> rows(TestDatabase db) {
        return db.dsl().select(USERS.EMAIL, USERS.TENANT_ID).from(USERS).orderBy(USERS.ID)
                .fetch(r -> r.get(USERS.EMAIL) + ":" + r.get(USERS.TENANT_ID));
    }

    /** H2 returns inserted rows from a SELECT around the INSERT (FINAL TABLE), which is planned every time. */
    private static long createRuns(TestDatabase db, long calls) {
        return db.dialect().family() == SQLDialect.H2 ? 0 : calls;
    }

    @MatrixTest
    void find_by_id_and_create_run_as_shapes_with_each_calls_tenant(TestDatabase db) {
        db.useTestSchema();
        try (Executor root = Executor.builder().dsl(db.dsl()).plugin(new Tenancy()).build()) {
            // One repository's shapes are shared by its copies bound to other executors.
            var tenant1 = RepositoryTest.users(root.with(TENANT, 1));
            var tenant2 = tenant1.with(root.with(TENANT, 2));
            User a = tenant1.create(new NewUser("a@example.com", "A"));
            User b = tenant1.create(new NewUser("b@example.com", "B"));
            User c = tenant2.create(new NewUser("c@example.com", "C"));
            assertThat(b).isEqualTo(new User(b.id(), "b@example.com", "B", "active", 0));
            assertThat(c).isEqualTo(new User(c.id(), "c@example.com", "C", "active", 0));
            assertThat(rows(db)).containsExactly("a@example.com:1", "b@example.com:1", "c@example.com:2");
            assertThat(root.planCache().shapeRuns()).isEqualTo(createRuns(db, 2));

            assertThat(tenant1.findById(a.id())).contains(a);
            assertThat(tenant1.findById(b.id())).contains(b);
            assertThat(tenant2.findById(c.id())).contains(c);
            assertThat(tenant2.findById(a.id())).isEmpty();
            assertThat(tenant1.findById(c.id())).isEmpty();
            assertThat(root.planCache().shapeRuns()).isEqualTo(createRuns(db, 2) + 4);
            // Another repository has its own shapes: its first call is planned through jOOQ.
            assertThat(RepositoryTest.users(root.with(TENANT, 2)).findById(c.id())).contains(c);
            assertThat(root.planCache().shapeRuns()).isEqualTo(createRuns(db, 2) + 4);
            // The same as the statement findOne builds and runs through jOOQ.
            assertThat(tenant1.findOne(USERS.ID.eq(b.id()))).isEqualTo(tenant1.findById(b.id()));
        }
    }

    @MatrixTest
    void a_unique_violation_on_the_fast_path_is_typed_and_writes_nothing(TestDatabase db) {
        db.useTestSchema();
        try (Executor root = Executor.builder().dsl(db.dsl()).plugin(new Tenancy()).build()) {
            var tenant1 = RepositoryTest.users(root.with(TENANT, 1));
            tenant1.create(new NewUser("a@example.com", "A"));
            tenant1.create(new NewUser("b@example.com", "B"));
            List<String> before = rows(db);
            assertThatThrownBy(() -> tenant1.create(new NewUser("a@example.com", "again")))
                    .isInstanceOf(UniqueConstraintException.class)
                    .satisfies(e -> assertThat(((UniqueConstraintException) e).isTransient()).isFalse());
            assertThat(rows(db)).isEqualTo(before).containsExactly("a@example.com:1", "b@example.com:1");
            // The first create planned the shape; the second and the failing one ran over JDBC.
            assertThat(root.planCache().shapeRuns()).isEqualTo(createRuns(db, 2));
        }
    }

    @MatrixTest
    void eight_threads_of_different_tenants_find_no_foreign_row(TestDatabase db) throws Exception {
        db.useTestSchema();
        try (Executor root = Executor.builder().dsl(db.dsl()).plugin(new Tenancy()).build()) {
            var base = RepositoryTest.users(root);
            List<Long> ids = new ArrayList<>();
            for (int tenant = 1; tenant <= 4; tenant++) {
                ids.add(base.with(root.with(TENANT, tenant)).create(new NewUser("u" + tenant + "@example.com", "U")).id());
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<List<Integer>>> futures = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int tenant = t % 4 + 1;
                    var users = base.with(root.with(TENANT, tenant));
                    futures.add(pool.submit(() -> {
                        List<Integer> found = new ArrayList<>();
                        for (int i = 0; i < 100; i++) {
                            for (int owner = 1; owner <= 4; owner++) {
                                if (users.findById(ids.get(owner - 1)).isPresent()) {
                                    found.add(owner);
                                }
                            }
                        }
                        return found;
                    }));
                }
                for (int t = 0; t < 8; t++) {
                    assertThat(futures.get(t).get(60, TimeUnit.SECONDS)).hasSize(100).containsOnly(t % 4 + 1);
                }
            } finally {
                pool.shutdownNow();
                assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            }
            // The first find by id was planned through jOOQ (threads racing to it may each have planned it).
            assertThat(root.planCache().shapeRuns()).isBetween(createRuns(db, 3) + 8 * 400 - 8, createRuns(db, 3) + 8 * 400 - 1);
        }
    }

    /**
     * 300 rows: two full 128-row chunks, then 32, 8 and 4, five shape runs a call once planned; the
     * first call plans each size, and its second full chunk already runs as a shape (not H2, which
     * takes jOOQ's path).
     */
    private static long manyRuns(TestDatabase db, int calls) {
        return db.dialect().family() == SQLDialect.H2 ? 0 : 5L * calls + 1;
    }

    private static List<NewUser> newUsers(String prefix, int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> new NewUser(prefix + i + "@example.com", "N" + i)).toList();
    }

    @MatrixTest
    void create_many_runs_chunks_as_shapes_in_input_order_with_each_calls_tenant(TestDatabase db) {
        db.useTestSchema();
        try (Executor root = Executor.builder().dsl(db.dsl()).plugin(new Tenancy()).build()) {
            var tenant1 = RepositoryTest.users(root.with(TENANT, 1));
            var tenant2 = tenant1.with(root.with(TENANT, 2));
            // The first call plans each chunk size through jOOQ; the next ones run them over JDBC.
            List<User> first = tenant1.createMany(newUsers("a", 300));
            List<User> second = tenant2.createMany(newUsers("b", 300));
            List<User> third = tenant1.createMany(newUsers("c", 300));
            assertThat(root.planCache().shapeRuns()).isEqualTo(manyRuns(db, 2));
            List<String> expected = new ArrayList<>();
            for (var batch : List.of(List.of("a", "1", first), List.of("b", "2", second), List.of("c", "1", third))) {
                @SuppressWarnings("unchecked")
                List<User> created = (List<User>) batch.get(2);
                List<String> emails = newUsers((String) batch.get(0), 300).stream().map(NewUser::email).toList();
                assertThat(created).extracting(User::email).containsExactlyElementsOf(emails);
                assertThat(created).extracting(User::version).containsOnly(0);
                assertThat(created).extracting(User::id).doesNotHaveDuplicates().isSorted();
                emails.forEach(email -> expected.add(email + ":" + batch.get(1)));
            }
            assertThat(rows(db)).containsExactlyElementsOf(expected);
            // Each returned id is the id of its own row.
            for (User user : third) {
                assertThat(tenant1.findById(user.id())).contains(user);
            }
            assertThat(tenant2.findById(third.getFirst().id())).isEmpty();
        }
    }

    @MatrixTest
    void a_unique_violation_in_a_create_many_chunk_is_typed_and_writes_nothing(TestDatabase db) {
        db.useTestSchema();
        try (Executor root = Executor.builder().dsl(db.dsl()).plugin(new Tenancy()).build()) {
            var tenant1 = RepositoryTest.users(root.with(TENANT, 1));
            tenant1.createMany(newUsers("a", 300));
            List<String> before = rows(db);
            assertThat(before).hasSize(300);
            // Row 140 of this call repeats an existing email: in the second full chunk, after one chunk went in.
            List<NewUser> clashing = new ArrayList<>(newUsers("b", 300));
            clashing.set(140, new NewUser("a7@example.com", "again"));
            assertThatThrownBy(() -> tenant1.createMany(clashing)).isInstanceOf(UniqueConstraintException.class);
            // One chunk alone (128 rows) is one statement: nothing of it stays either.
            List<NewUser> oneChunk = new ArrayList<>(newUsers("c", 128));
            oneChunk.set(127, new NewUser("a9@example.com", "again"));
            assertThatThrownBy(() -> tenant1.createMany(oneChunk)).isInstanceOf(UniqueConstraintException.class);
            assertThat(rows(db)).isEqualTo(before);
            // Over JDBC: the first call's second chunk, the clash's two chunks (the second failed), the lone chunk.
            assertThat(root.planCache().shapeRuns()).isEqualTo(db.dialect().family() == SQLDialect.H2 ? 0 : 4);
        }
    }

    @MatrixTest
    void eight_threads_of_different_tenants_create_many_each_into_its_own_tenant(TestDatabase db) throws Exception {
        db.useTestSchema();
        try (Executor root = Executor.builder().dsl(db.dsl()).plugin(new Tenancy()).build()) {
            var base = RepositoryTest.users(root);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<List<User>>> futures = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    var users = base.with(root.with(TENANT, t % 4 + 1));
                    String prefix = "t" + t + "-";
                    futures.add(pool.submit(() -> {
                        List<User> created = new ArrayList<>();
                        for (int round = 0; round < 3; round++) {
                            created.addAll(users.createMany(newUsers(prefix + round + "-", 140)));
                        }
                        return created;
                    }));
                }
                for (int t = 0; t < 8; t++) {
                    List<User> created = futures.get(t).get(120, TimeUnit.SECONDS);
                    List<String> emails = new ArrayList<>();
                    for (int round = 0; round < 3; round++) {
                        newUsers("t" + t + "-" + round + "-", 140).forEach(u -> emails.add(u.email()));
                    }
                    assertThat(created).extracting(User::email).containsExactlyElementsOf(emails);
                    int tenant = t % 4 + 1;
                    assertThat(db.dsl().select(USERS.EMAIL).from(USERS).where(USERS.TENANT_ID.eq(tenant))
                            .and(USERS.EMAIL.startsWith("t" + t + "-")).orderBy(USERS.ID).fetch(USERS.EMAIL)).containsExactlyElementsOf(emails);
                    for (User user : created) {
                        assertThat(db.dsl().select(USERS.EMAIL).from(USERS).where(USERS.ID.eq(user.id())).fetchOne(USERS.EMAIL))
                                .isEqualTo(user.email());
                    }
                }
            } finally {
                pool.shutdownNow();
                assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(db.dsl().fetchCount(USERS)).isEqualTo(8 * 3 * 140);
            assertThat(db.dsl().fetchCount(USERS, USERS.TENANT_ID.isNull())).isZero();
        }
    }
}
