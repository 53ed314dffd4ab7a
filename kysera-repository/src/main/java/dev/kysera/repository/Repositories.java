package dev.kysera.repository;

import dev.kysera.executor.Executor;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jooq.TransactionProperty;

/**
 * A small container that builds repositories over one executor (and so with its plugins) and runs
 * units of work in which every repository is bound to the same transaction. It is not an ORM: no
 * entity tracking, no identity map, no lazy loading.
 *
 * <pre>{@code
 * Repositories repositories = Repositories.of(executor);
 * var users = repositories.build(USERS_BUILDER);
 * repositories.transaction(tx -> {
 *     User u = tx.bind(users).create(newUser);
 *     tx.bind(posts).create(firstPost(u));
 * });
 * }</pre>
 */
public final class Repositories {

    private final Executor executor;

    private Repositories(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /**
     * A container over {@code executor}.
     *
     * @param executor the executor repositories run through
     * @return a new container
     * @throws NullPointerException if {@code executor} is null
     */
    public static Repositories of(Executor executor) {
        return new Repositories(executor);
    }

    /**
     * The executor this container builds and binds repositories over.
     *
     * @return the executor; a transaction's inside {@link #transaction}
     */
    public Executor executor() {
        return executor;
    }

    /**
     * Builds a repository over this container's executor.
     *
     * @param builder the configured builder
     * @param <T>     the mapped row type
     * @param <ID>    the primary key type
     * @param <C>     the create input type
     * @param <U>     the update input type
     * @return the repository
     * @throws IllegalStateException as {@link RepositoryBuilder#build} does
     */
    public <T, ID, C, U> Repository<T, ID, C, U> build(RepositoryBuilder<T, ID, C, U> builder) {
        return builder.build(executor);
    }

    /**
     * The repository bound to this container's executor (a transaction's, inside {@link #transaction}).
     *
     * @param repository a repository built anywhere
     * @param <T>        the mapped row type
     * @param <ID>       the primary key type
     * @param <C>        the create input type
     * @param <U>        the update input type
     * @return a copy of the repository running through this container's executor
     */
    public <T, ID, C, U> Repository<T, ID, C, U> bind(Repository<T, ID, C, U> repository) {
        return repository.with(executor);
    }

    /**
     * Runs {@code work} in a transaction (a savepoint if one is open); repositories bound through the
     * container it receives share that transaction and keep every plugin and extension.
     *
     * @param work       the unit of work; it commits when {@code work} returns and rolls back when it throws,
     *                   and what it throws is rethrown
     * @param properties isolation level and read-only flag, only for the outermost transaction
     * @throws IllegalStateException if properties are given for a nested transaction
     * @throws dev.kysera.core.error.KyseraException if the transaction cannot begin, commit or roll back
     *                                              (see {@link Executor#transaction})
     */
    public void transaction(Consumer<Repositories> work, TransactionProperty... properties) {
        executor.transaction(tx -> work.accept(new Repositories(tx)), properties);
    }

    /**
     * Like {@link #transaction(Consumer, TransactionProperty...)} but returns the block's result.
     *
     * @param work       the unit of work
     * @param properties isolation level and read-only flag, only for the outermost transaction
     * @param <R>        the result type
     * @return what {@code work} returned, after the commit
     * @throws IllegalStateException if properties are given for a nested transaction
     * @throws dev.kysera.core.error.KyseraException if the transaction cannot begin, commit or roll back
     *                                              (see {@link Executor#transaction})
     */
    public <R> R transactionResult(Function<Repositories, R> work, TransactionProperty... properties) {
        return executor.transactionResult(tx -> work.apply(new Repositories(tx)), properties);
    }
}
