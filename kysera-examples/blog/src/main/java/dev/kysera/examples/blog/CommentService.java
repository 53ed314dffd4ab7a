package dev.kysera.examples.blog;

import static dev.kysera.examples.blog.schema.Tables.COMMENTS;
import static dev.kysera.examples.blog.schema.Tables.USERS;

import dev.kysera.core.error.NotFoundException;
import dev.kysera.repository.Repository;
import dev.kysera.repository.Values;
import dev.kysera.softdelete.SoftDeleteOperations;
import dev.kysera.softdelete.SoftDeletePlugin;
import java.util.List;
import org.jooq.impl.DSL;

/** Comments on live posts; deleting one is a soft delete, by its author or the post's, and restorable by them. */
public final class CommentService {

    private final Repository<Comment, Long, NewComment, Values> comments;
    private final Repository<Post, Long, NewPost, PostEdit> posts;
    private final SoftDeleteOperations<Comment, Long> softDeletes;

    CommentService(Repository<Comment, Long, NewComment, Values> comments, Repository<Post, Long, NewPost, PostEdit> posts,
                   SoftDeletePlugin softDelete) {
        this.comments = comments;
        this.posts = posts;
        this.softDeletes = comments.extension(softDelete.operations());
    }

    /**
     * Adds a comment to a live post.
     *
     * @throws dev.kysera.core.error.ValidationFailedException for a blank or too long body, before any SQL
     * @throws NotFoundException if the post is unknown or deleted
     * @throws dev.kysera.rls.RlsAccessDeniedException if the author is not the caller
     * @throws dev.kysera.core.error.ForeignKeyException if the author does not exist
     */
    public Comment add(NewComment comment) {
        if (!posts.existsById(comment.postId())) {
            throw new NotFoundException("posts", comment.postId());
        }
        return comments.create(comment);
    }

    /** A post's live comments by active authors, oldest first. */
    public List<Comment> forPost(long postId) {
        // The subquery over users is filtered by soft delete too: deactivated authors' comments are hidden.
        return comments.findMany(COMMENTS.POST_ID.eq(postId).and(COMMENTS.USER_ID.in(DSL.select(USERS.ID).from(USERS))), COMMENTS.ID.asc());
    }

    /**
     * Hides a comment (a soft delete).
     *
     * @throws NotFoundException if no live comment the caller may delete (their own, or on their post) has the id
     */
    public Comment delete(long id) {
        return softDeletes.softDelete(id);
    }

    /**
     * Restores a hidden comment.
     *
     * @throws NotFoundException if the id is unknown or the comment is not the caller's to restore
     * @throws dev.kysera.softdelete.RecordNotDeletedException if it is not hidden
     */
    public Comment restore(long id) {
        return softDeletes.restore(id);
    }
}
