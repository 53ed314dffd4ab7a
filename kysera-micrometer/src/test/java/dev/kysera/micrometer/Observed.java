package dev.kysera.micrometer;

import dev.kysera.executor.Executor;
import dev.kysera.executor.Plugin;
import dev.kysera.executor.PluginRoles;
import dev.kysera.executor.TableReference;
import dev.kysera.executor.Transform;
import dev.kysera.executor.Operation;
import dev.kysera.testsupport.Engine;
import dev.kysera.testsupport.TestDatabase;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** What the tests share: reading what a test registry handled, plugins that change or refuse statements. */
final class Observed {

    private Observed() {
    }

    /** Every context the registry handled, in start order. */
    static List<Observation.Context> contexts(TestObservationRegistry registry) {
        List<Observation.Context> all = new ArrayList<>();
        TestObservationRegistryAssert.assertThat(registry).hasHandledContextsThatSatisfy(all::addAll);
        return all;
    }

    static List<StatementObservationContext> statements(TestObservationRegistry registry) {
        return contexts(registry).stream().filter(StatementObservationContext.class::isInstance)
                .map(StatementObservationContext.class::cast).toList();
    }

    static List<TransactionObservationContext> transactions(TestObservationRegistry registry) {
        return contexts(registry).stream().filter(TransactionObservationContext.class::isInstance)
                .map(TransactionObservationContext.class::cast).toList();
    }

    static Map<String, String> low(Observation.Context context) {
        return map(context.getLowCardinalityKeyValues());
    }

    static Map<String, String> high(Observation.Context context) {
        return map(context.getHighCardinalityKeyValues());
    }

    private static Map<String, String> map(KeyValues values) {
        Map<String, String> map = new LinkedHashMap<>();
        for (KeyValue value : values) {
            map.put(value.getKey(), value.getValue());
        }
        return map;
    }

    /** The {@code db.system.name} each engine of the matrix must report. */
    static String systemName(Engine engine) {
        return switch (engine) {
            case SQLITE -> "sqlite";
            case H2 -> "h2database";
            case POSTGRES -> "postgresql";
            case MARIADB -> "mariadb";
        };
    }

    /** The host and port in the test database's JDBC URL ({@code none} for embedded engines). */
    static List<String> server(TestDatabase db) {
        if (!db.engine().isServer()) {
            return List.of("none", "none");
        }
        URI uri = URI.create(db.jdbcUrl().substring("jdbc:".length()));
        int port = uri.getPort() > 0 ? uri.getPort() : db.engine() == Engine.POSTGRES ? 5432 : 3306;
        return List.of(uri.getHost(), Integer.toString(port));
    }

    /** A plugin named {@code name} whose planning roles apply to {@code table} only ({@code null}: to every table). */
    static Plugin plugin(String name, String table, Consumer<PluginRoles> roles) {
        return new Plugin() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean appliesTo(TableReference reference) {
                return table == null || reference.is(table);
            }

            @Override
            public void register(PluginRoles registry) {
                roles.accept(registry);
            }
        };
    }

    /** Hides closed users from every statement, so plans name it in {@code changedBy}. */
    static final Plugin HIDE_CLOSED = plugin("hide-closed", "users",
            roles -> roles.rowFilter((table, operation, ctx) -> Optional.of(table.field("status").ne("closed"))));

    /** Refuses every DELETE of tags. */
    static final Plugin NO_TAG_DELETES = plugin("no-tag-deletes", "tags", roles -> roles.transform((table, operation, ctx) ->
            operation == Operation.DELETE ? Transform.refuse("tags are kept") : Transform.keep()));

    static Executor executor(TestDatabase db, Plugin... plugins) {
        return Executor.builder().dsl(db.dsl()).plugins(List.of(plugins)).build();
    }
}
