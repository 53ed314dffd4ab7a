package dev.kysera.benchmarks;

/** The small records every variant maps its rows to, so all variants do comparable work. */
public final class Rows {

    private Rows() {
    }

    /** One user, as find-by-id returns it. */
    public record UserRow(long id, String email, String name) {
    }

    /** One row of the user + posts join. */
    public record UserPostRow(long userId, String userName, long postId, String title) {
    }

    /** The input of a create: a new user of the benchmark tenant. */
    public record NewUser(String email, String name) {
    }
}
