package dev.kysera.dal;

/**
 * The results of three queries run by {@link Dal#parallel(DbQuery, DbQuery, DbQuery)}.
 *
 * @param first  the first query's result
 * @param second the second query's result
 * @param third  the third query's result
 * @param <A>    the first query's result type
 * @param <B>    the second query's result type
 * @param <C>    the third query's result type
 */
public record Three<A, B, C>(A first, B second, C third) {
}
