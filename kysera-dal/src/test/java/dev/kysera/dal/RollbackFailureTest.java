package dev.kysera.dal;

import dev.kysera.executor.testplugins.TestPlugins;
import static dev.kysera.dal.Fixtures.insertUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.kysera.executor.Executor;
import dev.kysera.testsupport.MatrixTest;
import dev.kysera.testsupport.TestDatabase;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jooq.impl.DSL;

/**
 * When rolling back fails, the block's exception still propagates as the same instance and the
 * rollback failure is attached to it as suppressed. The connections here really roll back and then
 * report a failure, so the database stays consistent and what is left can be checked.
 */
class RollbackFailureTest {

    private static final String SIMULATED = "simulated rollback failure";

    @MatrixTest
    void a_failing_rollback_is_suppressed_on_the_original_exception(TestDatabase db) {
        Fixtures.seed(db);
        AtomicInteger rollbacks = new AtomicInteger();
        DbContext ctx = DbContext.of(Executor.of(DSL.using(failingRollbacks(db.dataSource(), rollbacks), db.dialect()),
                new TestPlugins.Tenant(), new TestPlugins.SoftDelete())).with(TestPlugins.TENANT, 1);

        IllegalStateException outer = new IllegalStateException("outer");
        Throwable thrown = catchThrowable(() -> Dal.withTransaction(ctx, tx -> {
            insertUser(tx.dsl(), 61L, 1);
            throw outer;
        }));
        assertThat(thrown).isSameAs(outer);
        assertThat(rollbacks).hasValue(1);
        assertThat(outer.getSuppressed()).hasSize(1);
        assertThat(rootMessage(outer.getSuppressed()[0])).isEqualTo(SIMULATED);
        assertThat(Fixtures.countRaw(db, 61L)).isZero();
    }

    @MatrixTest
    void a_failing_savepoint_rollback_is_suppressed_on_the_original_exception(TestDatabase db) {
        Fixtures.seed(db);
        AtomicInteger rollbacks = new AtomicInteger();
        DbContext ctx = DbContext.of(Executor.of(DSL.using(failingRollbacks(db.dataSource(), rollbacks), db.dialect()),
                new TestPlugins.Tenant())).with(TestPlugins.TENANT, 1);

        IllegalStateException inner = new IllegalStateException("inner");
        Throwable caught = Dal.withTransaction(ctx, tx -> {
            insertUser(tx.dsl(), 62L, 1);
            return catchThrowable(() -> Dal.withTransaction(tx, nested -> {
                insertUser(nested.dsl(), 63L, 1);
                throw inner;
            }));
        });
        assertThat(caught).isSameAs(inner);
        assertThat(rollbacks).hasValue(1);
        assertThat(inner.getSuppressed()).hasSize(1);
        assertThat(rootMessage(inner.getSuppressed()[0])).isEqualTo(SIMULATED);
        assertThat(Fixtures.countRaw(db, 62L)).isEqualTo(1);
        assertThat(Fixtures.countRaw(db, 63L)).isZero();
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /** A data source whose connections roll back (fully or to a savepoint) and then throw. */
    private static DataSource failingRollbacks(DataSource target, AtomicInteger rollbacks) {
        InvocationHandler dataSource = (proxy, method, args) -> {
            Object result = invoke(target, method, args);
            return result instanceof Connection connection ? failingRollbacks(connection, rollbacks) : result;
        };
        return (DataSource) Proxy.newProxyInstance(RollbackFailureTest.class.getClassLoader(), new Class<?>[] {DataSource.class}, dataSource);
    }

    private static Connection failingRollbacks(Connection target, AtomicInteger rollbacks) {
        InvocationHandler connection = (proxy, method, args) -> {
            Object result = invoke(target, method, args);
            if (method.getName().equals("rollback")) {
                rollbacks.incrementAndGet();
                throw new SQLException(SIMULATED);
            }
            return result;
        };
        return (Connection) Proxy.newProxyInstance(RollbackFailureTest.class.getClassLoader(), new Class<?>[] {Connection.class}, connection);
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
