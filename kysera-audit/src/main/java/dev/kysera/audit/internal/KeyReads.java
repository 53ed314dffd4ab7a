package dev.kysera.audit.internal;

import dev.kysera.executor.TableReference;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.ResultQuery;
import org.jooq.Table;
import org.jooq.conf.ParamType;

/**
 * Reading rows by key with SQL rendered once per shape (table occurrence, key columns, number of
 * keys, lock and {@linkplain Jdbc.Rendering rendering}) and run as plain JDBC; jOOQ still maps the rows, with the same
 * fields, so the values are exactly those of the jOOQ query. Only for key values jOOQ binds by
 * their class alone ({@code Long}, {@code Integer}, {@code Short}, {@code String}: the key fields
 * are untyped), and only where the rendered query's bind values were seen to be the keys in order;
 * anything else runs the jOOQ query.
 */
final class KeyReads {

    /** Shapes beyond this many are read through jOOQ, uncached. */
    private static final int MAX_SHAPES = 1024;
    /** The SQL of each shape; {@link #NOT_CACHEABLE} for a shape whose binds are not the keys in order. */
    private static final Map<Shape, String> SQL = new ConcurrentHashMap<>();
    private static final String NOT_CACHEABLE = "";

    private KeyReads() {
    }

    /** A statement shape. */
    private record Shape(Table<?> table, boolean metadata, int keys, boolean lock, Jdbc.Rendering rendering) {
    }

    /**
     * The rows of {@code query} (the jOOQ read of {@code keys} in {@code target}), fetched with its SQL
     * cached per shape.
     */
    static Result<Record> fetch(DSLContext dsl, TableReference target, List<Rows.Key> keys, boolean lock, ResultQuery<Record> query) {
        List<Object> binds = binds(keys);
        if (binds == null) {
            return query.fetch();
        }
        Shape shape = new Shape(target.table(), target.hasMetadata(), keys.size(), lock, Jdbc.Rendering.of(dsl));
        String sql = SQL.get(shape);
        if (sql == null) {
            sql = query.getBindValues().equals(binds) ? query.getSQL(ParamType.INDEXED) : NOT_CACHEABLE;
            if (SQL.size() < MAX_SHAPES) {
                SQL.put(shape, sql);
            }
        }
        if (sql.isEmpty()) {
            return query.fetch();
        }
        String rendered = sql;
        return Jdbc.run(dsl, sql, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(rendered)) {
                for (int i = 0; i < binds.size(); i++) {
                    switch (binds.get(i)) {
                        case Long l -> statement.setLong(i + 1, l);
                        case Integer n -> statement.setInt(i + 1, n);
                        case Short s -> statement.setShort(i + 1, s);
                        default -> statement.setString(i + 1, (String) binds.get(i));
                    }
                }
                try (ResultSet rows = statement.executeQuery()) {
                    return shape.metadata() ? dsl.fetch(rows, target.table().fields()) : dsl.fetch(rows);
                }
            }
        });
    }

    /** Every key's values, in key order; null if one is of a class this read does not bind itself. */
    private static List<Object> binds(List<Rows.Key> keys) {
        List<Object> binds = new ArrayList<>();
        for (Rows.Key key : keys) {
            for (Object value : key.values()) {
                if (!(value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof String)) {
                    return null;
                }
                binds.add(value);
            }
        }
        return binds;
    }
}
