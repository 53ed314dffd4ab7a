package dev.kysera.audit.internal;

import java.sql.Connection;
import java.sql.SQLException;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderKeywordCase;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.RenderNameCase;
import org.jooq.conf.RenderOptionalKeyword;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.RenderTable;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;

/**
 * Runs the audit's own fixed-shape statements as plain JDBC on a context's connection: they are
 * rendered once per shape, so only binding and running them is left per write.
 */
final class Jdbc {

    private Jdbc() {
    }

    /**
     * What the SQL of the audit's fixed-shape statements depends on besides their shape: the dialect
     * and the settings that change how names and keywords render. Compared by value: an executor
     * copies its settings per transaction, and comparing whole {@code Settings} costs microseconds.
     */
    record Rendering(SQLDialect dialect, RenderMapping mapping, Boolean schema, Boolean catalog, RenderQuotedNames quoted,
                     RenderNameCase nameCase, RenderKeywordCase keywordCase, RenderTable qualified, RenderOptionalKeyword tableAs,
                     Boolean formatted) {

        static Rendering of(DSLContext dsl) {
            Settings s = dsl.settings();
            return new Rendering(dsl.dialect(), s.getRenderMapping(), s.isRenderSchema(), s.isRenderCatalog(), s.getRenderQuotedNames(),
                    s.getRenderNameCase(), s.getRenderKeywordCase(), s.getRenderTable(), s.getRenderOptionalAsKeywordForTableAliases(),
                    s.isRenderFormatted());
        }
    }

    /** Work on a JDBC connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} on {@code dsl}'s connection; a failure is a {@link DataAccessException} naming {@code sql}, as jOOQ's own. */
    static <T> T run(DSLContext dsl, String sql, Work<T> work) {
        ConnectionProvider provider = dsl.configuration().connectionProvider();
        Connection connection = provider.acquire();
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new DataAccessException("SQL [" + sql + "]; " + e.getMessage(), e);
        } finally {
            provider.release(connection);
        }
    }
}
