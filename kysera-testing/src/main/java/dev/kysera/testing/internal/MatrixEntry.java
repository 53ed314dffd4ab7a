package dev.kysera.testing.internal;

import dev.kysera.executor.Executor;
import dev.kysera.testing.SchemaSetup;
import dev.kysera.testing.TestSchema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * One test class's isolated database on one engine and the executor over it, made on first use;
 * closing the entry closes the executor, then drops the database.
 */
public final class MatrixEntry implements AutoCloseable {

    private final IsolatedDatabase database;
    private final TestSchema schema;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Object, Executor> executors = new LinkedHashMap<>();

    /** Creates the schema of {@code schema} (may be null) in the freshly opened {@code database}. */
    public MatrixEntry(IsolatedDatabase database, TestSchema schema) {
        this.database = database;
        this.schema = schema;
        createSchema();
    }

    public IsolatedDatabase database() {
        return database;
    }

    /**
     * The executor over the database made by {@code factory} for {@code key} (the {@code @TestExecutor}
     * method, so a {@code @Nested} class with its own gets its own), made on first call.
     */
    public Executor executor(Object key, Supplier<Executor> factory) {
        lock.lock();
        try {
            Executor executor = executors.get(key);
            if (executor == null) {
                executor = factory.get();
                executors.put(key, executor);
            }
            return executor;
        } finally {
            lock.unlock();
        }
    }

    /** Drops the isolated database's content and creates its schema again. */
    public void recreate() {
        database.recreate();
        createSchema();
    }

    private void createSchema() {
        if (schema == null) {
            return;
        }
        for (String location : schema.migrations()) {
            MigrationsSetup.migrate(database, location);
        }
        for (String script : schema.scripts()) {
            database.executeResource(script);
        }
        for (Class<? extends SchemaSetup> type : schema.setup()) {
            SchemaSetup setup = ReflectionSupport.newInstance(type);
            try {
                setup.create(database);
            } catch (Exception e) {
                throw new ExtensionConfigurationException("SchemaSetup " + type.getName() + " failed on " + database, e);
            }
        }
    }

    @Override
    public void close() {
        try {
            for (Executor executor : executors.values()) {
                if (!executor.isClosed()) {
                    executor.close();
                }
            }
        } finally {
            database.close();
        }
    }
}
