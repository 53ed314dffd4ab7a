package dev.kysera.core.page;

import dev.kysera.core.error.BadRequestException;
import dev.kysera.core.page.internal.Cursor;
import dev.kysera.core.page.internal.CursorCodec;
import dev.kysera.core.page.internal.Seek;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.RecordMapper;
import org.jooq.Result;
import org.jooq.Select;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.SortField;
import org.jooq.impl.DSL;

/**
 * Offset and keyset (cursor) pagination over a jOOQ {@link Select}. Immutable and thread-safe;
 * configure with {@link #builder()} or take {@link #defaults()}.
 *
 * <p>The caller's query object is never modified: the paginator works on copies made with jOOQ's
 * query object model ({@code $where}, {@code $orderBy}, {@code $limit}, {@code $offset}).
 *
 * <h2>Offset pages</h2>
 * {@link #page} runs {@code select count(*) from (<query without ORDER BY/LIMIT/OFFSET>) as t}
 * (so GROUP BY and DISTINCT queries count groups / distinct rows) and then the query itself with
 * LIMIT/OFFSET. Give the query an ORDER BY that makes the order total, or pages may overlap.
 *
 * <h2>Keyset pages</h2>
 * {@link #keyset} replaces the query's ORDER BY with the {@link Sort}, ANDs a seek predicate to its
 * WHERE and fetches one row more than the page size to learn whether another page exists. Paging
 * backwards fetches in reversed order and reverses the rows, so a page always reads in sort order.
 * Requirements: every sort key field must be in the select list (its value is read from each row
 * to build cursors) and must be usable in the query's WHERE clause (a column, not an aggregate or a
 * select-list alias). For grouped, aggregated or set-operation (UNION …) queries, wrap them first:
 * {@code dsl.selectFrom(query.asTable("t"))} and sort by {@code t}'s fields.
 */
public final class Paginator {

    /** Default page size. */
    public static final int DEFAULT_SIZE = 20;
    /** Default maximum page size. */
    public static final int DEFAULT_MAX_SIZE = 10_000;
    /** Default highest page number; larger requested pages are clamped to it. */
    public static final long DEFAULT_MAX_PAGE = 1_000_000;

    private static final Paginator DEFAULTS = builder().build();

    private final int defaultSize;
    private final int maxSize;
    private final long maxPage;
    private final CursorOptions cursorOptions;
    private final CursorCodec codec;

    private Paginator(Builder builder) {
        this.defaultSize = builder.defaultSize;
        this.maxSize = builder.maxSize;
        this.maxPage = builder.maxPage;
        this.cursorOptions = builder.cursorOptions;
        this.codec = new CursorCodec(builder.cursorOptions);
    }

    /**
     * The shared paginator with default size 20, maximum size 10,000, maximum page 1,000,000 and
     * unprotected cursors.
     *
     * @return the default paginator
     */
    public static Paginator defaults() {
        return DEFAULTS;
    }

    /**
     * A new builder starting from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Page size used when a request gives none.
     *
     * @return the default page size, at least 1
     */
    public int defaultSize() {
        return defaultSize;
    }

    /**
     * Largest page size; larger requests are clamped.
     *
     * @return the maximum page size, at least 1
     */
    public int maxSize() {
        return maxSize;
    }

    /**
     * Highest offset page number; larger requests are clamped.
     *
     * @return the maximum page number, at least 1
     */
    public long maxPage() {
        return maxPage;
    }

    /**
     * How this paginator protects and checks cursors.
     *
     * @return the cursor options
     */
    public CursorOptions cursorOptions() {
        return cursorOptions;
    }

    // ------------------------------------------------------------------------------------------
    // offset pages
    // ------------------------------------------------------------------------------------------

    /**
     * One offset page of the query, rows as fetched.
     *
     * @param dsl the context the count and the page run on, not null
     * @param query the query to page; it is not modified, not null
     * @param request the page and size wanted, not null
     * @param <R> the query's record type
     * @return the page with its total counts
     * @throws NullPointerException if an argument is null
     * @throws BadRequestException if the offset {@code (page - 1) * size} overflows
     * @throws org.jooq.exception.DataAccessException if the database fails
     * @see #page(DSLContext, Select, PageRequest, RecordMapper)
     */
    public <R extends Record> Page<R> page(DSLContext dsl, Select<R> query, PageRequest request) {
        return page(dsl, query, request, record -> record);
    }

    /**
     * One offset page of the query, each row mapped.
     *
     * <p>The request is normalised first (page clamped to 1..maxPage; size: negative → default,
     * above max → max, 0 → counts only). Two statements run (count, then rows — skipped when the
     * page is empty anyway); they are not wrapped in a transaction, so run this inside one if the
     * count and the rows must agree exactly.
     *
     * @param dsl the context the count and the page run on, not null
     * @param query the query to page; it is not modified, not null
     * @param request the page and size wanted, not null
     * @param mapper maps each fetched row to a page element, not null
     * @param <R> the query's record type
     * @param <T> the page element type
     * @return the page with its total counts
     * @throws NullPointerException if an argument is null
     * @throws BadRequestException if the offset {@code (page - 1) * size} overflows
     * @throws org.jooq.exception.DataAccessException if the database fails
     */
    public <R extends Record, T> Page<T> page(DSLContext dsl, Select<R> query, PageRequest request,
            RecordMapper<? super R, ? extends T> mapper) {
        Objects.requireNonNull(dsl, "dsl");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(mapper, "mapper");
        long page = Math.min(maxPage, Math.max(1, request.page()));
        int size = request.size() < 0 ? defaultSize : Math.min(maxSize, request.size());
        long offset;
        try {
            offset = Math.multiplyExact(page - 1, (long) size);
        } catch (ArithmeticException e) {
            throw new BadRequestException("page " + page + " with size " + size + " is out of range");
        }

        Select<R> unordered = query.$orderBy(List.of());
        if (unordered.$limit() != null) {
            unordered = unordered.$limit(null);
        }
        if (unordered.$offset() != null) {
            unordered = unordered.$offset(null);
        }
        Long counted = dsl.fetchValue(
                DSL.select(DSL.count().coerce(Long.class)).from(withUniqueColumnNames(unordered).asTable("kysera_page_count")));
        long total = counted == null ? 0 : counted;

        long totalPages = size == 0 ? 0 : (total + size - 1) / size;
        List<T> content = new ArrayList<>();
        if (size > 0 && offset < total) {
            Select<R> slice = query.$limit(DSL.val(size)).$offset(DSL.val(offset));
            for (R record : dsl.fetch(slice)) {
                content.add(mapper.map(record));
            }
        }
        return new Page<>(content, page, size, total, totalPages, page < totalPages, page > 1);
    }

    /**
     * A derived table may not repeat a column name on H2 and MariaDB (e.g. {@code people.id, mate.id}
     * of a self join); rename later duplicates so the count works. Renaming changes neither the
     * row count nor DISTINCT.
     */
    private static <R extends Record> Select<?> withUniqueColumnNames(Select<R> query) {
        List<? extends SelectFieldOrAsterisk> select = query.$select();
        Set<String> seen = new HashSet<>();
        List<SelectFieldOrAsterisk> renamed = new ArrayList<>(select.size());
        boolean changed = false;
        for (int i = 0; i < select.size(); i++) {
            SelectFieldOrAsterisk item = select.get(i);
            if (item instanceof Field<?> field && !seen.add(field.getName().toLowerCase(Locale.ROOT))) {
                renamed.add(field.as("kysera_column_" + i));
                changed = true;
            } else {
                renamed.add(item);
            }
        }
        return changed ? query.$select(renamed) : query;
    }

    // ------------------------------------------------------------------------------------------
    // keyset pages
    // ------------------------------------------------------------------------------------------

    /**
     * One keyset page of the query, rows as fetched.
     *
     * @param dsl the context the page runs on, not null
     * @param query the query to page; it is not modified, not null
     * @param sort the total order of the pages, not null
     * @param request the size and optional cursor, not null
     * @param <R> the query's record type
     * @return the page with its cursors
     * @throws NullPointerException if an argument is null
     * @throws BadRequestException if the cursor is invalid or made for another sort
     * @throws IllegalStateException if a fetched row lacks a sort key or holds a value a cursor cannot carry
     * @throws org.jooq.exception.DataAccessException if the database fails
     * @see #keyset(DSLContext, Select, Sort, KeysetRequest, RecordMapper)
     */
    public <R extends Record> CursorPage<R> keyset(DSLContext dsl, Select<R> query, Sort sort, KeysetRequest request) {
        return keyset(dsl, query, sort, request, record -> record);
    }

    /**
     * One keyset page of the query filtered by extra conditions and ordered by jOOQ sort fields —
     * the shape a repository calls with. Equivalent to adding the conditions to the query's WHERE
     * and calling {@link #keyset(DSLContext, Select, Sort, KeysetRequest, RecordMapper)} with
     * {@link Sort#of(List)}.
     *
     * @param dsl the context the page runs on, not null
     * @param query the query to page; it is not modified, not null
     * @param where extra conditions ANDed to the query's WHERE (empty for none), not null
     * @param orderBy the sort fields, the last one making the order total, not null
     * @param request the size and optional cursor, not null
     * @param mapper maps each fetched row to a page element, not null
     * @param <R> the query's record type
     * @param <T> the page element type
     * @return the page with its cursors
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code orderBy} is not a valid {@link Sort}
     * @throws BadRequestException if the cursor is invalid or made for another sort
     * @throws IllegalStateException if a fetched row lacks a sort key or holds a value a cursor cannot carry
     * @throws org.jooq.exception.DataAccessException if the database fails
     */
    public <R extends Record, T> CursorPage<T> keyset(DSLContext dsl, Select<R> query, List<? extends Condition> where,
            List<? extends SortField<?>> orderBy, KeysetRequest request, RecordMapper<? super R, ? extends T> mapper) {
        Select<R> filtered = query.$where(and(query.$where(), DSL.and(where)));
        return keyset(dsl, filtered, Sort.of(orderBy), request, mapper);
    }

    /**
     * One keyset page of the query in the order of the sort, each row mapped.
     *
     * <p>Without a cursor this is the first page ({@code hasPrevious} false). A cursor from
     * {@link CursorPage#nextCursor()} gives the rows after that page; one from
     * {@link CursorPage#previousCursor()} the rows before it, still in sort order. The query's
     * own ORDER BY, LIMIT and OFFSET are replaced. The last sort key must make the order total
     * (see {@link Sort}).
     *
     * @param dsl the context the page runs on, not null
     * @param query the query to page; it is not modified, not null
     * @param sort the total order of the pages, not null
     * @param request the size and optional cursor, not null
     * @param mapper maps each fetched row to a page element, not null
     * @param <R> the query's record type
     * @param <T> the page element type
     * @return the page with its cursors
     * @throws NullPointerException if an argument is null
     * @throws BadRequestException   ("invalid pagination cursor") if the cursor is malformed,
     *                               tampered with, too long, signed or encrypted differently, or was
     *                               made for another sort (other key names, directions or NULL
     *                               placements, or values of other types)
     * @throws IllegalStateException if a fetched row lacks a sort key field, holds NULL in a key
     *                               declared {@link NullOrder#NOT_NULL}, or holds a value a cursor
     *                               cannot carry
     * @throws org.jooq.exception.DataAccessException if the database fails
     */
    public <R extends Record, T> CursorPage<T> keyset(DSLContext dsl, Select<R> query, Sort sort, KeysetRequest request,
            RecordMapper<? super R, ? extends T> mapper) {
        Objects.requireNonNull(dsl, "dsl");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(sort, "sort");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(mapper, "mapper");
        int size = request.size() <= 0 ? defaultSize : Math.min(maxSize, request.size());
        Optional<Cursor> cursor = request.cursor().map(text -> codec.decode(sort, text));
        boolean backward = cursor.map(Cursor::backward).orElse(false);
        Sort walk = backward ? sort.reversed() : sort;

        Condition where = query.$where();
        if (cursor.isPresent()) {
            where = and(where, Seek.after(walk, cursor.get().values(), cursor.get().inclusive()));
        }
        Select<R> select = query.$where(where).$orderBy(walk.toSortFields()).$limit(DSL.val(size + 1));
        if (select.$offset() != null) {
            select = select.$offset(null);
        }
        Result<R> fetched = dsl.fetch(select);
        checkNotNullKeys(sort, fetched);
        boolean more = fetched.size() > size;
        List<R> rows = new ArrayList<>(fetched.subList(0, Math.min(size, fetched.size())));
        if (backward) {
            Collections.reverse(rows);
        }

        String next = null;
        String previous = null;
        if (!backward) {
            if (more) {
                next = encode(sort, rows.getLast(), false);
            }
            if (cursor.isPresent()) {
                previous = rows.isEmpty()
                        // Nothing after the boundary any more: the previous page ends at the boundary row.
                        ? codec.encode(sort, new Cursor(true, true, cursor.get().values()))
                        : encode(sort, rows.getFirst(), true);
            }
        } else {
            // Paging backward: the page the cursor came from always follows.
            next = rows.isEmpty()
                    ? codec.encode(sort, new Cursor(false, true, cursor.get().values()))
                    : encode(sort, rows.getLast(), false);
            if (more) {
                previous = encode(sort, rows.getFirst(), true);
            }
        }
        List<T> content = new ArrayList<>(rows.size());
        for (R row : rows) {
            content.add(mapper.map(row));
        }
        return new CursorPage<>(content, size, next, previous);
    }

    /**
     * The cursor that continues after (or, if {@code backward}, before) the given row, as
     * {@link #keyset} would produce it — for callers that build their own pages.
     *
     * @param sort the sort the cursor is for, not null
     * @param row a row holding every sort key field, not null
     * @param backward whether the cursor pages backwards (the rows before {@code row})
     * @return the encoded cursor, protected as {@link #cursorOptions()} says
     * @throws IllegalStateException if the row lacks a key field or holds a value a cursor cannot carry
     */
    public String cursorFor(Sort sort, Record row, boolean backward) {
        return encode(sort, row, backward);
    }

    private String encode(Sort sort, Record row, boolean backward) {
        List<Object> values = new ArrayList<>(sort.keys().size());
        for (SortKey<?> key : sort.keys()) {
            if (row.field(key.field()) == null) {
                throw new IllegalStateException("sort key '" + key.name() + "' (" + key.field()
                        + ") is not in the select list; keyset pages need every sort key selected");
            }
            values.add(row.get(key.field()));
        }
        return codec.encode(sort, new Cursor(backward, false, values));
    }

    /** A NULL in a key declared NOT_NULL would make the order database-specific and cursors unusable. */
    private static void checkNotNullKeys(Sort sort, Result<? extends Record> rows) {
        for (SortKey<?> key : sort.keys()) {
            if (key.nulls() != NullOrder.NOT_NULL || rows.isEmpty() || rows.field(key.field()) == null) {
                continue;
            }
            for (Record row : rows) {
                if (row.get(key.field()) == null) {
                    throw new IllegalStateException("sort key '" + key.name()
                            + "' is declared NOT_NULL but a fetched row holds NULL");
                }
            }
        }
    }

    private static Condition and(Condition existing, Condition extra) {
        return existing == null ? extra : DSL.and(existing, extra);
    }

    @Override
    public String toString() {
        return "Paginator[defaultSize=" + defaultSize + ", maxSize=" + maxSize + ", maxPage=" + maxPage + ", "
                + cursorOptions + "]";
    }

    /** Builder for {@link Paginator}; not thread-safe. */
    public static final class Builder {
        private int defaultSize = DEFAULT_SIZE;
        private int maxSize = DEFAULT_MAX_SIZE;
        private long maxPage = DEFAULT_MAX_PAGE;
        private CursorOptions cursorOptions = CursorOptions.plain();

        private Builder() {
        }

        /**
         * Size used when a request gives none (≥ 1, checked by {@link #build()}).
         *
         * @param value the default page size
         * @return this builder
         */
        public Builder defaultSize(int value) {
            this.defaultSize = value;
            return this;
        }

        /**
         * Largest page size; larger requests are clamped (≥ 1, checked by {@link #build()}).
         *
         * @param value the maximum page size
         * @return this builder
         */
        public Builder maxSize(int value) {
            this.maxSize = value;
            return this;
        }

        /**
         * Highest page number; larger requests are clamped (≥ 1, checked by {@link #build()}).
         *
         * @param value the maximum page number
         * @return this builder
         */
        public Builder maxPage(long value) {
            this.maxPage = value;
            return this;
        }

        /**
         * How cursors are protected; default {@link CursorOptions#plain()}.
         *
         * @param value the cursor options, not null
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder cursorOptions(CursorOptions value) {
            this.cursorOptions = Objects.requireNonNull(value, "cursorOptions");
            return this;
        }

        /**
         * Builds the paginator.
         *
         * @return a new immutable paginator
         * @throws IllegalArgumentException if a limit is below 1, the default size exceeds the maximum, or
         *         the maximum size is {@code Integer.MAX_VALUE}
         */
        public Paginator build() {
            if (defaultSize < 1 || maxSize < 1 || maxPage < 1) {
                throw new IllegalArgumentException("defaultSize, maxSize and maxPage must be at least 1");
            }
            if (defaultSize > maxSize) {
                throw new IllegalArgumentException("defaultSize " + defaultSize + " exceeds maxSize " + maxSize);
            }
            if (maxSize == Integer.MAX_VALUE) {
                throw new IllegalArgumentException("maxSize must be below Integer.MAX_VALUE");
            }
            return new Paginator(this);
        }
    }
}
