package dev.kysera.core.filter;

import dev.kysera.core.error.BadRequestException;
import dev.kysera.core.page.CursorPage;
import dev.kysera.core.page.KeysetRequest;
import dev.kysera.core.page.Sort;
import java.util.Objects;
import org.jooq.Condition;

/**
 * A validated list request, as {@link ListRequestParser#parse} makes it from request parameters:
 * the filter, the total order to page in and the keyset page to fetch.
 *
 * @param where           the filter (no condition when the request has none)
 * @param sort            the order, ending with the tie-breaker
 * @param page            the page size and cursor
 * @param cursorParameter the name of the cursor parameter, to name it when the cursor is refused
 */
public record ListRequest(Condition where, Sort sort, KeysetRequest page, String cursorParameter) {

    /**
     * Checks that every component is present.
     *
     * @throws NullPointerException if a component is null
     */
    public ListRequest {
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(sort, "sort");
        Objects.requireNonNull(page, "page");
        Objects.requireNonNull(cursorParameter, "cursorParameter");
    }

    /**
     * Where a list request's page comes from: a repository ({@code users::findKeyset}) or any
     * keyset query of the DAL.
     *
     * @param <T> the row type
     */
    @FunctionalInterface
    public interface KeysetSource<T> {
        /**
         * The page of rows matching {@code where}, in {@code sort} order, at {@code page}'s cursor.
         *
         * @param where the filter, never null
         * @param sort the total order, never null
         * @param page the size and cursor of the page
         * @return the page
         * @throws BadRequestException if the cursor is malformed or made for another sort
         */
        CursorPage<T> find(Condition where, Sort sort, KeysetRequest page);
    }

    /**
     * The page from {@code source}, with {@code extra} (e.g. the tenant or owner) ANDed to the
     * request's filter.
     *
     * @param source where the rows come from, not null
     * @param extra a condition the client cannot override, ANDed to the request's filter, not null
     * @param <T> the row type
     * @return the page
     * @throws InvalidParameterException naming the cursor parameter if the cursor is malformed,
     *         tampered with, or was made for another sort
     */
    public <T> CursorPage<T> fetch(KeysetSource<T> source, Condition extra) {
        try {
            return source.find(where.and(extra), sort, page);
        } catch (InvalidParameterException e) {
            throw e;
        } catch (BadRequestException e) {
            // the paginator's only bad input is the cursor; its message stays deliberately vague
            throw new InvalidParameterException(cursorParameter, e.getMessage(), e);
        }
    }

    /**
     * The page from {@code source}, e.g. {@code request.fetch(users::findKeyset)}.
     *
     * @param source where the rows come from, not null
     * @param <T> the row type
     * @return the page
     * @throws InvalidParameterException naming the cursor parameter if the cursor is refused
     */
    public <T> CursorPage<T> fetch(KeysetSource<T> source) {
        return fetch(source, org.jooq.impl.DSL.noCondition());
    }
}
