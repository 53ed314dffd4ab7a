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

    public static Repositories of(Executor executor) {
        return new Repositories(executor);
    }

    public Executor executor() {
        return executor;
    }

    /** Builds a repository over this container's executor. */
    public <T, ID, C, U> Repository<T, ID, C, U> build(RepositoryBuilder<T, ID, C, U> builder) {
        return builder.build(executor);
    }

    /** The repository bound to this container's executor (a transaction's, inside {@link #transaction}). */
    public <T, ID, C, U> Repository<T, ID, C, U> bind(Repository<T, ID, C, U> repository) {
        return repository.with(executor);
    }

    /**
     * Runs {@code work} in a transaction (a savepoint if one is open); repositories bound through the
     * container it receives share that transaction and keep every plugin and extension.
     */
    public void transaction(Consumer<Repositories> work, TransactionProperty... properties) {
        executor.transaction(tx -> work.accept(new Repositories(tx)), properties);
    }

    /** Like {@link #transaction(Consumer, TransactionProperty...)} but returns the block's result. */
    public <R> R transactionResult(Function<Repositories, R> work, TransactionProperty... properties) {
        return executor.transactionResult(tx -> work.apply(new Repositories(tx)), properties);
    }
}
