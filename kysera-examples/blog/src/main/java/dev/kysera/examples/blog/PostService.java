package dev.kysera.examples.blog;

import static dev.kysera.examples.blog.schema.Tables.POSTS;

import dev.kysera.audit.AuditEntry;
import dev.kysera.audit.AuditLog;
import dev.kysera.core.error.BadRequestException;
import dev.kysera.core.error.NotFoundException;
import dev.kysera.core.page.CursorPage;
import dev.kysera.dal.DbContext;
import dev.kysera.executor.Executor;
import dev.kysera.repository.Repository;
import dev.kysera.repository.TransitionResult;
import dev.kysera.core.filter.FilterColumns;
import dev.kysera.core.filter.ListRequestParser;
import dev.kysera.softdelete.SoftDeleteOperations;
import dev.kysera.softdelete.SoftDeletePlugin;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writing, publishing, editing, deleting and restoring posts; the public feed and search; a post's
 * audit history. Every write runs in a transaction, as the audit history requires: the change and
 * its history entry commit together.
 */
public final class PostService {

    /**
     * The feed's query parameters: filters on author, title and creation time
     * ({@code user_id=3}, {@code title[contains]=jooq}, {@code created_at[gte]=2026-01-01T00:00}),
     * {@code sort} (newest first by default), {@code limit} (1–50) and {@code cursor}.
     */
    static final ListRequestParser FEED = ListRequestParser.builder(FilterColumns.of(POSTS.USER_ID, POSTS.TITLE, POSTS.CREATED_AT), POSTS.ID)
            .defaultSort("-id")
            .defaultLimit(10)
            .maxLimit(50)
            .build();

    private final Executor executor;
    private final Repository<Post, Long, NewPost, PostEdit> posts;
    private final SoftDeleteOperations<Post, Long> softDeletes;
    private final AuditLog auditLog;

    PostService(Executor executor, Repository<Post, Long, NewPost, PostEdit> posts, SoftDeletePlugin softDelete, AuditLog auditLog) {
        this.executor = executor;
        this.posts = posts;
        this.softDeletes = posts.extension(softDelete.operations());
        this.auditLog = auditLog;
    }

    /**
     * Saves a draft.
     *
     * @throws dev.kysera.core.error.ValidationFailedException for a blank title or body, before any SQL
     * @throws dev.kysera.rls.RlsAccessDeniedException if the author is not the caller (or the caller is a guest)
     * @throws dev.kysera.core.error.ForeignKeyException if the author does not exist
     */
    public Post write(NewPost draft) {
        return executor.transactionResult(tx -> posts.with(tx).create(draft));
    }

    /**
     * Publishes a post, atomically (a compare-and-set on {@code published}); publishing a
     * published post returns it unchanged.
     *
     * @throws NotFoundException if no live post the caller may change has the id
     */
    public Post publish(long id) {
        return executor.transactionResult(tx -> switch (posts.with(tx).transition(id, POSTS.PUBLISHED, false, true)) {
            case TransitionResult.Applied<Post>(Post published) -> published;
            case TransitionResult.Rejected<Post>(Post alreadyPublished) -> alreadyPublished;
            // also another user's draft, which the caller may read but not change (row-level security)
            case TransitionResult.NotFound<Post> missing -> throw new NotFoundException("posts", id);
        });
    }

    /**
     * Replaces a post's title and body.
     *
     * @throws dev.kysera.core.error.ValidationFailedException for a blank title or body
     * @throws NotFoundException if no live post the caller may change has the id
     */
    public Post edit(long id, PostEdit edit) {
        return executor.transactionResult(tx -> posts.with(tx).update(id, edit));
    }

    /**
     * Deletes a post: a plain DELETE, which the soft-delete plugin turns into an UPDATE of
     * {@code deleted_at} (so the history records it as {@code SOFT_DELETE}); it can be restored,
     * and its comments stay, hidden with it.
     *
     * @throws NotFoundException if no live post the caller may change has the id
     */
    public void delete(long id) {
        executor.transaction(tx -> {
            if (!posts.with(tx).delete(id)) {
                throw new NotFoundException("posts", id);
            }
        });
    }

    /**
     * Restores a deleted post.
     *
     * @throws NotFoundException if the id is unknown or the post is not the caller's to change
     * @throws dev.kysera.softdelete.RecordNotDeletedException if the post is not deleted
     */
    public Post restore(long id) {
        return executor.transactionResult(tx -> softDeletes.restore(id));
    }

    /** A live post, draft or published. */
    public Optional<Post> find(long id) {
        return posts.findById(id);
    }

    /** Deleted posts of an author, for their trash can. */
    public List<Post> deletedBy(long authorId) {
        return softDeletes.findOnlyDeleted(POSTS.USER_ID.eq(authorId), POSTS.ID.asc());
    }

    /**
     * One page of the public feed (published, live posts) from the query parameters of a request,
     * e.g. a servlet's parameter map.
     *
     * @throws dev.kysera.core.filter.InvalidParameterException naming the parameter for an
     *         unknown filter column or operator, a malformed value, a limit out of range, or a
     *         tampered cursor (a {@link BadRequestException}: answer 400)
     */
    public CursorPage<Post> feed(Map<String, ? extends Collection<String>> queryParameters) {
        return FEED.parseMultiValued(queryParameters).fetch(posts::findKeyset, POSTS.PUBLISHED.isTrue());
    }

    /**
     * Searches published posts by title and body.
     *
     * @throws BadRequestException for blank text or a limit outside 1–50
     */
    public List<SearchHit> search(String text, int limit) {
        if (text == null || text.isBlank()) {
            throw new BadRequestException("search text must not be blank");
        }
        if (limit < 1 || limit > 50) {
            throw new BadRequestException("search limit must be 1 to 50, was " + limit);
        }
        return BlogQueries.SEARCH.run(DbContext.of(executor), new BlogQueries.Search(text.strip(), limit));
    }

    /** Live comments per post for the given posts (posts without comments are absent). */
    public Map<Long, Integer> commentCounts(List<Long> postIds) {
        return postIds.isEmpty() ? Map.of() : BlogQueries.COMMENT_COUNTS.run(DbContext.of(executor), postIds);
    }

    /** A post's history, oldest first: created, edited, published, deleted, restored — and by whom. */
    public List<AuditEntry> history(long id) {
        return auditLog.history("posts", id);
    }

    /**
     * Puts a post back as it was before a change of its history (e.g. undoes an edit); the revert
     * is itself recorded.
     *
     * @throws NotFoundException if the history has no such entry
     * @throws dev.kysera.audit.AuditRestoreException if the entry is the post's creation or belongs to another row
     */
    public Post revert(long id, long historyEntryId) {
        return executor.transactionResult(tx -> {
            auditLog.restore(POSTS, id, historyEntryId);
            return posts.with(tx).findById(id).orElseThrow(() -> new NotFoundException("posts", id));
        });
    }
}
