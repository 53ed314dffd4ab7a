package dev.kysera.repository;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jooq.Field;
import org.jooq.RecordMapper;
import org.jooq.Table;

/**
 * Maps the components of a Java record to columns by name, both ways: input records to
 * {@link Values} ({@link #toValues} for create and full updates, {@link #toPatch} for PATCH) and
 * fetched rows to records ({@link #mapper()}, which ignores extra columns). The mapping is checked
 * when it is made — every component needs a column of the same Java type — so a renamed column
 * fails at startup, not at the first request. Immutable and thread-safe.
 *
 * <pre>{@code
 * record NewUser(String email, String name) {}
 * record UserPatch(Optional<String> name, String status) {}   // null: leave as is; Optional.empty(): set NULL
 * var create = ComponentMapping.of(NewUser.class, USERS);
 * var patch = ComponentMapping.of(UserPatch.class, USERS);
 * users.create(create.toValues(new NewUser("ann@example.com", "Ann")));
 * users.update(id, patch.toPatch(new UserPatch(null, "suspended")));   // only status is written
 * }</pre>
 *
 * Components are read with reflection: the record must be public, or its package open to
 * {@code dev.kysera.repository} on the module path.
 *
 * @param <T> the record type
 */
public final class ComponentMapping<T extends java.lang.Record> {

    /** {@code createdAt} → {@code created_at}, {@code userID} → {@code user_id}. */
    public static final UnaryOperator<String> SNAKE_CASE = ComponentMapping::snakeCase;
    /** The component's name as it is. */
    public static final UnaryOperator<String> AS_IS = UnaryOperator.identity();

    private final Class<T> type;
    private final List<Component> components;
    private final Constructor<T> constructor;

    private record Component(String name, Method accessor, Field<?> column, boolean optional) {
    }

    private ComponentMapping(Class<T> type, List<Component> components, Constructor<T> constructor) {
        this.type = type;
        this.components = components;
        this.constructor = constructor;
    }

    /**
     * Every component of {@code type} to the column of {@code table} named by {@link #SNAKE_CASE}
     * (matched case-insensitively).
     *
     * @param type  the record class
     * @param table the table whose columns the components map to; it needs column metadata
     * @param <T>   the record type
     * @return the checked mapping
     * @throws IllegalArgumentException if a component has no column or a column of another type, or
     *         the record cannot be read reflectively
     * @throws NullPointerException if an argument is null
     */
    public static <T extends java.lang.Record> ComponentMapping<T> of(Class<T> type, Table<?> table) {
        return of(type, SNAKE_CASE, Set.of(), List.of(table.fields()));
    }

    /**
     * Every component of {@code type} not in {@code ignored} to the column among {@code columns}
     * named by {@code naming} (matched case-insensitively). Give the columns explicitly for a table
     * without metadata ({@code DSL.table(name)}).
     *
     * @param type    the record class
     * @param naming  turns a component name into a column name, e.g. {@link #SNAKE_CASE} or {@link #AS_IS}
     * @param ignored names of components that map to no column; a mapping with ignored components
     *                cannot build records ({@link #mapper()})
     * @param columns the columns to map to
     * @param <T>     the record type
     * @return the checked mapping
     * @throws IllegalArgumentException if a component has no column or a column of another type,
     *         an ignored name is not a component, or the record cannot be read reflectively
     * @throws NullPointerException if an argument is null
     */
    public static <T extends java.lang.Record> ComponentMapping<T> of(Class<T> type, UnaryOperator<String> naming,
            Set<String> ignored, List<? extends Field<?>> columns) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(naming, "naming");
        Map<String, Field<?>> byName = new LinkedHashMap<>();
        columns.forEach(column -> byName.putIfAbsent(column.getName().toLowerCase(Locale.ROOT), column));
        List<Component> components = new ArrayList<>();
        Set<String> unused = new java.util.HashSet<>(ignored);
        RecordComponent[] recordComponents = type.getRecordComponents();
        for (RecordComponent component : recordComponents) {
            if (unused.remove(component.getName())) {
                continue;
            }
            String columnName = naming.apply(component.getName());
            Field<?> column = byName.get(columnName.toLowerCase(Locale.ROOT));
            if (column == null) {
                throw new IllegalArgumentException(type.getSimpleName() + "." + component.getName() + " has no column '" + columnName
                        + "' among " + byName.keySet() + "; rename it, map it with another naming, or ignore it");
            }
            boolean optional = component.getType() == Optional.class;
            Class<?> valueType = optional ? optionalArgument(type, component) : box(component.getType());
            if (valueType != column.getType()) {
                throw new IllegalArgumentException(type.getSimpleName() + "." + component.getName() + " is a " + valueType.getSimpleName()
                        + " but column " + column.getName() + " holds " + column.getType().getSimpleName());
            }
            components.add(new Component(component.getName(), accessible(type, component.getAccessor()), column, optional));
        }
        if (!unused.isEmpty()) {
            throw new IllegalArgumentException("Ignored names " + unused + " are not components of " + type.getSimpleName());
        }
        Class<?>[] parameterTypes = java.util.Arrays.stream(recordComponents).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Constructor<T> constructor;
        try {
            constructor = accessible(type, type.getDeclaredConstructor(parameterTypes));
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type.getSimpleName() + " has no canonical constructor", e);
        }
        return new ComponentMapping<>(type, List.copyOf(components), ignored.isEmpty() ? constructor : null);
    }

    /**
     * Every mapped component's value, {@code null} as SQL NULL, an {@code Optional} component as its
     * value or NULL: for creates and full updates.
     *
     * @param input the record to read
     * @return the values of every mapped column
     * @throws NullPointerException  if {@code input} is null
     * @throws IllegalStateException if a component cannot be read
     */
    public Values toValues(T input) {
        Values values = Values.empty();
        for (Component component : components) {
            Object value = read(component, input);
            values = set(values, component.column(), value instanceof Optional<?> o ? o.orElse(null) : value);
        }
        return values;
    }

    /**
     * PATCH semantics: a {@code null} component is absent (its column is not written); an
     * {@code Optional} component that is empty writes SQL NULL, one with a value writes it.
     *
     * @param input the record to read
     * @return the values of the columns to write; empty when every component is {@code null}
     * @throws NullPointerException  if {@code input} is null
     * @throws IllegalStateException if a component cannot be read
     */
    public Values toPatch(T input) {
        Values values = Values.empty();
        for (Component component : components) {
            Object value = read(component, input);
            if (value != null) {
                values = set(values, component.column(), value instanceof Optional<?> o ? o.orElse(null) : value);
            }
        }
        return values;
    }

    /**
     * Maps a fetched row to the record by column name; columns without a component are ignored.
     *
     * @return a thread-safe mapper, e.g. for {@link RepositoryBuilder#mapper}
     * @throws IllegalStateException (when mapping) if the row lacks a mapped column, or a primitive
     *         component's column is NULL
     * @throws UnsupportedOperationException if the mapping ignores components (they would have no value)
     */
    public RecordMapper<org.jooq.Record, T> mapper() {
        if (constructor == null) {
            throw new UnsupportedOperationException("A mapping that ignores components cannot build " + type.getSimpleName());
        }
        return row -> {
            Object[] arguments = new Object[components.size()];
            for (int i = 0; i < arguments.length; i++) {
                Component component = components.get(i);
                if (row.field(component.column()) == null) {
                    throw new IllegalStateException("The row has no column " + component.column().getName() + " for "
                            + type.getSimpleName() + "." + component.name() + "; select it");
                }
                Object value = row.get(component.column());
                if (value == null && component.accessor().getReturnType().isPrimitive()) {
                    throw new IllegalStateException(type.getSimpleName() + "." + component.name() + " is primitive but column "
                            + component.column().getName() + " is NULL");
                }
                arguments[i] = component.optional() ? Optional.ofNullable(value) : value;
            }
            try {
                return constructor.newInstance(arguments);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot construct " + type.getSimpleName() + ": " + e.getMessage(), e);
            }
        };
    }

    /**
     * The mapped columns, in component order.
     *
     * @return an immutable list; pass it to {@link RepositoryBuilder#select} to read exactly these
     */
    public List<Field<?>> columns() {
        return components.stream().<Field<?>>map(Component::column).toList();
    }

    @SuppressWarnings("unchecked")
    private static <X> Values set(Values values, Field<X> column, Object value) {
        return values.set(column, (X) value); // the types were checked when the mapping was made
    }

    private Object read(Component component, T input) {
        Objects.requireNonNull(input, "input");
        try {
            return component.accessor().invoke(input);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + type.getSimpleName() + "." + component.name() + ": " + e.getMessage(), e);
        }
    }

    private static Class<?> optionalArgument(Class<?> type, RecordComponent component) {
        Type generic = component.getGenericType();
        if (generic instanceof ParameterizedType parameterized && parameterized.getActualTypeArguments()[0] instanceof Class<?> argument) {
            return argument;
        }
        throw new IllegalArgumentException(type.getSimpleName() + "." + component.getName() + " must be Optional of a concrete type");
    }

    private static <M extends java.lang.reflect.AccessibleObject> M accessible(Class<?> type, M member) {
        try {
            member.setAccessible(true);
            return member;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Cannot read " + type.getName() + " reflectively: make it public or open its package"
                    + " to dev.kysera.repository", e);
        }
    }

    private static Class<?> box(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return switch (type.getName()) {
            case "long" -> Long.class;
            case "int" -> Integer.class;
            case "short" -> Short.class;
            case "byte" -> Byte.class;
            case "double" -> Double.class;
            case "float" -> Float.class;
            case "boolean" -> Boolean.class;
            default -> Character.class;
        };
    }

    private static String snakeCase(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean boundary = Character.isUpperCase(c) && i > 0
                    && (Character.isLowerCase(name.charAt(i - 1)) || i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1)));
            if (boundary && out.charAt(out.length() - 1) != '_') {
                out.append('_');
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "ComponentMapping[" + type.getSimpleName() + " → " + columns().stream().map(Field::getName).toList() + "]";
    }
}
