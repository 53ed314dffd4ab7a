package dev.kysera.repository;

import dev.kysera.executor.Executor;
import dev.kysera.repository.validation.ValidationSchema;
import java.util.function.Function;
import org.jooq.Field;
import org.jooq.RecordMapper;

/**
 * Configures a {@link Repository}. Each step returns a new builder (the types may change), so a
 * builder can be shared as a template.
 *
 * @param <T>  the mapped row type
 * @param <ID> the primary key type
 * @param <C>  the create input type
 * @param <U>  the update input type
 */
public interface RepositoryBuilder<T, ID, C, U> {

    /**
     * Maps fetched rows to {@code N}, e.g. {@code r -> new User(r.get(USERS.ID), …)}.
     *
     * @param mapper maps one fetched row (the {@link #select} columns) to the row type
     * @param <N>    the new row type
     * @return a new builder; this one is unchanged
     */
    <N> RepositoryBuilder<N, ID, C, U> mapper(RecordMapper<org.jooq.Record, N> mapper);

    /**
     * Creates from {@code N}: validated by {@code schema}, then turned into column values.
     *
     * @param toValues turns valid create input into the column values to insert
     * @param schema   validates create input; {@link ValidationSchema#none()} for none
     * @param <N>      the new create input type
     * @return a new builder; this one is unchanged
     */
    <N> RepositoryBuilder<T, ID, N, U> create(Function<? super N, Values> toValues, ValidationSchema<? super N> schema);

    /**
     * Updates from {@code N}: validated by {@code schema}, then turned into the columns to change.
     *
     * @param toValues turns valid update input into the columns to change; absent columns stay as they are
     * @param schema   validates update input; {@link ValidationSchema#none()} for none
     * @param <N>      the new update input type
     * @return a new builder; this one is unchanged
     */
    <N> RepositoryBuilder<T, ID, C, N> update(Function<? super N, Values> toValues, ValidationSchema<? super N> schema);

    /**
     * Validates create input with {@code schema} (keeping the current input type).
     *
     * @param schema the schema create input must pass; it replaces an earlier one (combine with
     *               {@link ValidationSchema#and})
     * @return a new builder; this one is unchanged
     */
    RepositoryBuilder<T, ID, C, U> validateCreate(ValidationSchema<? super C> schema);

    /**
     * Validates update input with {@code schema} (keeping the current input type).
     *
     * @param schema the schema update input must pass; it replaces an earlier one (combine with
     *               {@link ValidationSchema#and})
     * @return a new builder; this one is unchanged
     */
    RepositoryBuilder<T, ID, C, U> validateUpdate(ValidationSchema<? super U> schema);

    /**
     * Enables optimistic locking on this integer version column: every write increments it, and
     * the methods taking an expected version check it (see {@link Repository}).
     *
     * @param column the version column of the table
     * @return a new builder; this one is unchanged
     * @throws IllegalArgumentException if the column's Java type is not an integer type
     */
    RepositoryBuilder<T, ID, C, U> version(Field<? extends Number> column);

    /**
     * The columns read for each row (and returned by writes); all of the table's by default.
     * Required for a table without column metadata, such as {@code DSL.table(name)}.
     *
     * @param columns the columns, in the order the mapper sees them
     * @return a new builder; this one is unchanged
     * @throws IllegalArgumentException if no column is given
     */
    RepositoryBuilder<T, ID, C, U> select(Field<?>... columns);

    /**
     * Page size limits and cursor protection (signing, encryption) for paged finds.
     *
     * @param paginator the paginator of {@link Repository#findPage} and {@link Repository#findKeyset}
     * @return a new builder; this one is unchanged
     */
    RepositoryBuilder<T, ID, C, U> paginator(dev.kysera.core.page.Paginator paginator);

    /**
     * Builds the repository over {@code executor}.
     *
     * @param executor the executor every statement runs through
     * @return the immutable repository
     * @throws IllegalStateException if there are no columns to read: the table has no column
     *         metadata ({@code DSL.table(name)}) and {@link #select} was not given
     */
    Repository<T, ID, C, U> build(Executor executor);
}
