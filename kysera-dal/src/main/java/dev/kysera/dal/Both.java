package dev.kysera.dal;

/**
 * The results of two queries run by {@link Dal#parallel(DbQuery, DbQuery)}.
 *
 * @param first  the first query's result
 * @param second the second query's result
 * @param <A>    the first query's result type
 * @param <B>    the second query's result type
 */
public record Both<A, B>(A first, B second) {
}
