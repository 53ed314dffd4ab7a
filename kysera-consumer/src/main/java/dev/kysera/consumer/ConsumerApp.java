package dev.kysera.consumer;

import dev.kysera.consumer.model.NewTask;
import dev.kysera.consumer.model.Task;
import dev.kysera.dal.DbContext;
import dev.kysera.dal.DbQuery;
import dev.kysera.executor.Executor;
import dev.kysera.repository.ComponentMapping;
import dev.kysera.repository.Repository;
import dev.kysera.repository.Values;
import dev.kysera.softdelete.SoftDeletePlugin;
import dev.kysera.timestamps.TimestampsPlugin;
import java.io.PrintStream;
import java.lang.module.ModuleDescriptor;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** Runs repositories, the DAL and two plugins on SQLite, then reports what the module system lets it see. */
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
        out.println("exported by dev.kysera.executor: " + exports("dev.kysera.executor"));
        out.println("internals reachable: " + internalsReachable());
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
