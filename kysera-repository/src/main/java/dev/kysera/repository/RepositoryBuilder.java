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

    /** Maps fetched rows to {@code N}, e.g. {@code r -> new User(r.get(USERS.ID), …)}. */
    <N> RepositoryBuilder<N, ID, C, U> mapper(RecordMapper<org.jooq.Record, N> mapper);

    /** Creates from {@code N}: validated by {@code schema}, then turned into column values. */
    <N> RepositoryBuilder<T, ID, N, U> create(Function<? super N, Values> toValues, ValidationSchema<? super N> schema);

    /** Updates from {@code N}: validated by {@code schema}, then turned into the columns to change. */
    <N> RepositoryBuilder<T, ID, C, N> update(Function<? super N, Values> toValues, ValidationSchema<? super N> schema);

    /** Validates create input with {@code schema} (keeping the current input type). */
    RepositoryBuilder<T, ID, C, U> validateCreate(ValidationSchema<? super C> schema);

    /** Validates update input with {@code schema} (keeping the current input type). */
    RepositoryBuilder<T, ID, C, U> validateUpdate(ValidationSchema<? super U> schema);

    /**
     * Enables optimistic locking on this integer version column: every write increments it, and
     * the methods taking an expected version check it (see {@link Repository}).
     *
     * @throws IllegalArgumentException if the column's Java type is not an integer type
     */
    RepositoryBuilder<T, ID, C, U> version(Field<? extends Number> column);

    /**
     * The columns read for each row (and returned by writes); all of the table's by default.
     * Required for a table without column metadata, such as {@code DSL.table(name)}.
     *
     * @throws IllegalArgumentException if no column is given
     */
    RepositoryBuilder<T, ID, C, U> select(Field<?>... columns);

    /** Page size limits and cursor protection (signing, encryption) for paged finds. */
    RepositoryBuilder<T, ID, C, U> paginator(dev.kysera.core.page.Paginator paginator);

    /**
     * Builds the repository over {@code executor}.
     *
     * @throws IllegalStateException if there are no columns to read: the table has no column
     *         metadata ({@code DSL.table(name)}) and {@link #select} was not given
     */
    Repository<T, ID, C, U> build(Executor executor);
}
