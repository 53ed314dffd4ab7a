package dev.kysera.consumer;

import dev.kysera.consumer.model.NewTask;
import dev.kysera.consumer.model.Task;
import dev.kysera.dal.DbContext;
import dev.kysera.dal.DbQuery;
import dev.kysera.executor.Executor;
import dev.kysera.repository.ComponentMapping;
import dev.kysera.repository.Repository;
import dev.kysera.repository.Values;
import dev.kysera.rls.Policies;
import dev.kysera.rls.RlsContext;
import dev.kysera.rls.RlsOptions;
import dev.kysera.rls.RlsPlugin;
import dev.kysera.rls.TablePolicy;
import dev.kysera.softdelete.SoftDeletePlugin;
import dev.kysera.timestamps.TimestampsPlugin;
import java.io.PrintStream;
import java.lang.module.ModuleDescriptor;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** Runs repositories, the DAL, soft delete, timestamps and row-level security on SQLite, then reports what the module system lets it see. */
public final class ConsumerApp {

    private ConsumerApp() {
    }

    public static void main(String[] args) throws SQLException {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            run(DSL.using(connection, SQLDialect.SQLITE), System.out);
        }
    }

    static void run(DSLContext jooq, PrintStream out) {
        jooq.execute("create table tasks (id integer primary key, title text not null, status text not null,"
                + " created_at timestamp, updated_at timestamp, deleted_at timestamp)");
        Table<?> tasks = jooq.meta().getTables("tasks").get(0);
        Field<Integer> id = tasks.field("id", Integer.class);
        ComponentMapping<Task> read = ComponentMapping.of(Task.class, tasks);
        ComponentMapping<NewTask> write = ComponentMapping.of(NewTask.class, tasks);

        SoftDeletePlugin softDelete = SoftDeletePlugin.create();
        try (Executor executor = Executor.of(jooq, softDelete, TimestampsPlugin.create())) {
            Repository<Task, Integer, Values, Values> repository = Repository.builder(tasks, id)
                    .mapper(read.mapper())
                    .build(executor);
            Task docs = repository.create(write.toValues(new NewTask("Write docs", "open")));
            Task ship = repository.create(write.toValues(new NewTask("Ship", "open")));
            out.println("created: " + docs + ", " + ship);
            repository.extension(softDelete.operations()).softDelete(docs.id());

            DbQuery<String, Integer> countByStatus = DbQuery.of((ctx, status) ->
                    ctx.dsl().fetchCount(tasks, tasks.field("status", String.class).eq(status)));
            out.println("open tasks after soft delete: " + countByStatus.run(DbContext.of(executor), "open"));
            out.println("stamped: " + (jooq.fetchCount(tasks, tasks.field("created_at").isNotNull()) == 2));
        }
        out.println("tenant 1 sees: " + tenantOnesNotes(jooq));
        out.println("exported by dev.kysera.executor: " + exports("dev.kysera.executor"));
        out.println("internals reachable: " + internalsReachable());
    }

    /**
     * Row-level security on the module path: jOOQ's module does not open its implementation, so the
     * executor reads a SELECT's locking clause by rendering it; a fail-closed plugin still plans every read.
     */
    private static List<String> tenantOnesNotes(DSLContext jooq) {
        jooq.execute("create table notes (id integer primary key, tenant_id integer not null, body text not null)");
        jooq.execute("insert into notes values (1, 1, 'mine'), (2, 2, 'theirs'), (3, 1, 'also mine')");
        Table<?> notes = jooq.meta().getTables("notes").get(0);
        RlsPlugin rls = RlsPlugin.of(RlsOptions.builder()
                .policy(TablePolicy.forTable("notes")
                        .add(Policies.tenantIsolation(notes.field("tenant_id", Integer.class)))
                        .add(Policies.allowAll())
                        .build())
                .build());
        try (Executor executor = Executor.of(jooq, rls)) {
            return executor.with(RlsPlugin.CONTEXT, RlsContext.of(7L, 1)).dsl()
                    .select(notes.field("body", String.class)).from(notes).orderBy(notes.field("id")).fetch().getValues(0, String.class);
        }
    }

    private static TreeSet<String> exports(String module) {
        TreeSet<String> packages = new TreeSet<>();
        ModuleLayer.boot().findModule(module).orElseThrow().getDescriptor().exports().stream()
                .filter(export -> !export.isQualified())
                .map(ModuleDescriptor.Exports::source)
                .forEach(packages::add);
        return packages;
    }

    /** Whether reflection may open a class of an internal package, which the module system must forbid. */
    private static boolean internalsReachable() {
        Class<?> internal;
        try {
            internal = Class.forName("dev.kysera.executor.internal.JooqInternals");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the probe class moved; point the check at another internal class", e);
        }
        try {
            internal.getDeclaredConstructors()[0].setAccessible(true);
            return true;
        } catch (java.lang.reflect.InaccessibleObjectException e) {
            return false;
        }
    }
}
