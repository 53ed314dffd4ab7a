package dev.kysera.migrations.internal;

import dev.kysera.core.error.ErrorTranslator;
import dev.kysera.migrations.MigrationContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** The context handed to migrations: a recording connection and a jOOQ context over it. */
final class DefaultMigrationContext implements MigrationContext {

    private final Connection connection;
    private final SQLDialect dialect;
    private final DSLContext dsl;

    DefaultMigrationContext(Connection recordingConnection, SQLDialect dialect) {
        this.connection = recordingConnection;
        this.dialect = dialect;
        this.dsl = DSL.using(recordingConnection, dialect);
    }

    @Override
    public DSLContext dsl() {
        return dsl;
    }

    @Override
    public SQLDialect dialect() {
        return dialect;
    }

    @Override
    public void execute(String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw ErrorTranslator.standard().translate(e, dialect);
        }
    }
}
