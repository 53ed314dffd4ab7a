package dev.kysera.cli.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Java source of a repository class for one table: typed jOOQ fields over {@code DSL.table(name)},
 * a row record, a new-row record and a factory building a kysera-repository {@code Repository} on
 * an executor (so the application's plugins apply to it).
 */
final class RepositoryGenerator {

    /** The Java type and jOOQ {@code SQLDataType} constant for what jOOQ reads a column as. */
    private record JavaType(String name, String sqlDataType) {
    }

    private static final Map<Class<?>, JavaType> TYPES = new LinkedHashMap<>();

    static {
        TYPES.put(Long.class, new JavaType("Long", "BIGINT"));
        TYPES.put(Integer.class, new JavaType("Integer", "INTEGER"));
        TYPES.put(Short.class, new JavaType("Short", "SMALLINT"));
        TYPES.put(Byte.class, new JavaType("Byte", "TINYINT"));
        TYPES.put(String.class, new JavaType("String", "VARCHAR"));
        TYPES.put(Boolean.class, new JavaType("Boolean", "BOOLEAN"));
        TYPES.put(BigDecimal.class, new JavaType("java.math.BigDecimal", "NUMERIC"));
        TYPES.put(BigInteger.class, new JavaType("java.math.BigInteger", "DECIMAL_INTEGER"));
        TYPES.put(Double.class, new JavaType("Double", "DOUBLE"));
        TYPES.put(Float.class, new JavaType("Float", "REAL"));
        TYPES.put(LocalDate.class, new JavaType("java.time.LocalDate", "LOCALDATE"));
        TYPES.put(LocalDateTime.class, new JavaType("java.time.LocalDateTime", "LOCALDATETIME"));
        TYPES.put(LocalTime.class, new JavaType("java.time.LocalTime", "LOCALTIME"));
        TYPES.put(OffsetDateTime.class, new JavaType("java.time.OffsetDateTime", "OFFSETDATETIME"));
        TYPES.put(OffsetTime.class, new JavaType("java.time.OffsetTime", "OFFSETTIME"));
        TYPES.put(Instant.class, new JavaType("java.time.Instant", "INSTANT"));
        TYPES.put(java.sql.Timestamp.class, new JavaType("java.time.LocalDateTime", "LOCALDATETIME"));
        TYPES.put(java.sql.Date.class, new JavaType("java.time.LocalDate", "LOCALDATE"));
        TYPES.put(java.sql.Time.class, new JavaType("java.time.LocalTime", "LOCALTIME"));
        TYPES.put(byte[].class, new JavaType("byte[]", "VARBINARY"));
        TYPES.put(UUID.class, new JavaType("java.util.UUID", "UUID"));
        TYPES.put(org.jooq.JSON.class, new JavaType("org.jooq.JSON", "JSON"));
        TYPES.put(org.jooq.JSONB.class, new JavaType("org.jooq.JSONB", "JSONB"));
    }

    private static final JavaType OTHER = new JavaType("Object", "OTHER");

    private RepositoryGenerator() {
    }

    static String className(Introspection.TableInfo table) {
        return JavaNames.pascal(table.name()) + "Repository";
    }

    /** Why a table gets no repository, or null if it gets one. */
    static String unsupported(Introspection.TableInfo table) {
        if (!table.type().equals("TABLE")) {
            return "a " + table.type().toLowerCase(java.util.Locale.ROOT) + ", not a table";
        }
        return table.primaryKey().isEmpty() ? "no primary key" : null;
    }

    static String generate(String packageName, Introspection.TableInfo table, String generatedBy) {
        String className = className(table);
        String rowName = JavaNames.pascal(table.name());
        String newName = "New" + rowName;
        Map<Introspection.Column, String> constants = new LinkedHashMap<>();
        Map<Introspection.Column, String> components = new LinkedHashMap<>();
        Set<String> usedConstants = new HashSet<>(Set.of("TABLE"));
        Set<String> usedComponents = new HashSet<>();
        for (Introspection.Column column : table.columns()) {
            constants.put(column, unique(JavaNames.constant(column.name()), usedConstants));
            components.put(column, unique(JavaNames.camel(column.name()), usedComponents));
        }
        List<Introspection.Column> keyColumns = table.primaryKey().stream()
                .map(name -> table.columns().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow()).toList();
        boolean composite = keyColumns.size() > 1;
        // A composite key is an id record of its columns, matched and read by a PrimaryKey constant.
        String keyType = composite ? rowName + "Id" : type(keyColumns.get(0)).name();
        String keyArgument = composite ? unique("KEY", usedConstants) : constants.get(keyColumns.get(0));

        StringBuilder out = new StringBuilder();
        out.append("package ").append(packageName).append(";\n\n");
        out.append("import dev.kysera.executor.Executor;\n");
        if (composite) {
            out.append("import dev.kysera.repository.PrimaryKey;\n");
        }
        out.append("import dev.kysera.repository.Repository;\n");
        out.append("import dev.kysera.repository.Values;\n");
        out.append("import dev.kysera.repository.validation.ValidationSchema;\n");
        out.append("import org.jooq.Field;\n");
        out.append("import org.jooq.Record;\n");
        out.append("import org.jooq.Table;\n");
        out.append("import org.jooq.impl.DSL;\n");
        out.append("import org.jooq.impl.SQLDataType;\n\n");
        out.append("/**\n * Repository of table {@code ").append(table.name()).append("}, generated by {@code ").append(generatedBy)
                .append("} from the live schema.\n * Regenerate it after schema changes: edits are overwritten.\n */\n");
        out.append("public final class ").append(className).append(" {\n\n");
        out.append("    /** Table {@code ").append(table.name()).append("}. */\n");
        out.append("    public static final Table<Record> TABLE = DSL.table(DSL.name(").append(JavaNames.literal(table.name())).append("));\n");
        for (Introspection.Column column : table.columns()) {
            JavaType type = type(column);
            out.append("    /** Column {@code ").append(column.name()).append("} (").append(column.type()).append(column.nullable() ? "" : ", not null")
                    .append("). */\n");
            out.append("    public static final Field<").append(type.name()).append("> ").append(constants.get(column))
                    .append(" = DSL.field(DSL.name(").append(JavaNames.literal(table.name())).append(", ").append(JavaNames.literal(column.name()))
                    .append("), SQLDataType.").append(type.sqlDataType()).append(");\n");
        }
        out.append("\n    /** A row of {@code ").append(table.name()).append("}. */\n");
        out.append("    public record ").append(rowName).append('(').append(parameters(table.columns(), components)).append(") {\n    }\n\n");
        if (composite) {
            appendCompositeKey(out, table, keyColumns, keyType, keyArgument, constants, components);
        }
        out.append("    /** The values of a new row; null components are left to the database (defaults, generated keys). */\n");
        out.append("    public record ").append(newName).append('(').append(parameters(table.columns(), components)).append(") {\n");
        out.append("        Values values() {\n            Values values = Values.empty();\n");
        for (Introspection.Column column : table.columns()) {
            String component = components.get(column);
            out.append("            if (").append(component).append(" != null) {\n                values = values.set(")
                    .append(constants.get(column)).append(", ").append(component).append(");\n            }\n");
        }
        out.append("            return values;\n        }\n    }\n\n");
        out.append("    private ").append(className).append("() {\n    }\n\n");
        out.append("    /** The repository of {@code ").append(table.name())
                .append("} on {@code executor}: its plugins apply to every statement it runs. */\n");
        out.append("    public static Repository<").append(rowName).append(", ").append(keyType).append(", ").append(newName)
                .append(", Values> create(Executor executor) {\n");
        out.append("        return Repository.builder(TABLE, ").append(keyArgument).append(")\n");
        out.append("                .select(").append(String.join(", ", constants.values())).append(")\n");
        out.append("                .mapper(r -> new ").append(rowName).append('(');
        out.append(String.join(", ", constants.values().stream().map(c -> "r.get(" + c + ")").toList())).append("))\n");
        out.append("                .create(").append(newName).append("::values, ValidationSchema.none())\n");
        out.append("                .build(executor);\n    }\n}\n");
        return out.toString();
    }

    private static void appendCompositeKey(StringBuilder out, Introspection.TableInfo table, List<Introspection.Column> keyColumns,
            String keyType, String keyConstant, Map<Introspection.Column, String> constants, Map<Introspection.Column, String> components) {
        out.append("    /** The primary key of {@code ").append(table.name()).append("}: ")
                .append(String.join(", ", keyColumns.stream().map(Introspection.Column::name).toList())).append(". */\n");
        out.append("    public record ").append(keyType).append('(').append(parameters(keyColumns, components)).append(") {\n    }\n\n");
        out.append("    /** Matches and reads {@link ").append(keyType).append("}. */\n");
        out.append("    public static final PrimaryKey<").append(keyType).append("> ").append(keyConstant).append(" = PrimaryKey.composite(\n");
        out.append("            r -> new ").append(keyType).append('(')
                .append(String.join(", ", keyColumns.stream().map(c -> "r.get(" + constants.get(c) + ")").toList())).append("),\n");
        out.append("            id -> DSL.and(")
                .append(String.join(", ", keyColumns.stream().map(c -> constants.get(c) + ".eq(id." + components.get(c) + "())").toList()))
                .append("),\n");
        out.append("            ").append(String.join(", ", keyColumns.stream().map(constants::get).toList())).append(");\n\n");
    }

    private static String parameters(List<Introspection.Column> columns, Map<Introspection.Column, String> components) {
        return String.join(", ", columns.stream().map(c -> type(c).name() + " " + components.get(c)).toList());
    }

    private static JavaType type(Introspection.Column column) {
        return TYPES.getOrDefault(column.javaType(), OTHER);
    }

    private static String unique(String name, Set<String> used) {
        String candidate = name;
        int i = 2;
        while (!used.add(candidate)) {
            candidate = name + i++;
        }
        return candidate;
    }

    static List<String> supportedTypes() {
        return TYPES.keySet().stream().map(Class::getSimpleName).toList();
    }
}
