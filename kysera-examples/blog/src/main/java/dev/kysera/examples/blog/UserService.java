package dev.kysera.examples.blog;

import static dev.kysera.examples.blog.schema.Tables.USERS;

import dev.kysera.repository.Repository;
import dev.kysera.repository.Values;
import dev.kysera.softdelete.SoftDeleteOperations;
import dev.kysera.softdelete.SoftDeletePlugin;
import java.util.Optional;

/** Sign-up (open to guests), and changes of one's own account: rename, deactivation (a soft delete), reactivation. */
public final class UserService {

    private final Repository<User, Long, NewUser, Values> users;
    private final SoftDeleteOperations<User, Long> softDeletes;

    UserService(Repository<User, Long, NewUser, Values> users, SoftDeletePlugin softDelete) {
        this.users = users;
        this.softDeletes = users.extension(softDelete.operations());
    }

    /**
     * Signs a user up.
     *
     * @throws dev.kysera.core.error.ValidationFailedException for an invalid e-mail or name, before any SQL
     * @throws dev.kysera.core.error.UniqueConstraintException if a live user has the e-mail
     */
    public User register(NewUser signUp) {
        return users.create(signUp);
    }

    /** A live user by id. */
    public Optional<User> find(long id) {
        return users.findById(id);
    }

    /** A live user by e-mail. */
    public Optional<User> findByEmail(String email) {
        return users.findOne(USERS.EMAIL.eq(email));
    }

    /**
     * Changes a user's display name.
     *
     * @throws dev.kysera.core.error.NotFoundException if no live user the caller may change (themselves) has the id
     */
    public User rename(long id, String name) {
        return users.update(id, Values.of(USERS.NAME, name));
    }

    /**
     * Deactivates a user: a soft delete, so their posts and comments disappear from every read
     * (joins included) until {@link #reactivate}.
     *
     * @throws dev.kysera.core.error.NotFoundException if no live user the caller may change (themselves) has the id
     */
    public User deactivate(long id) {
        return softDeletes.softDelete(id);
    }

    /**
     * Reactivates a deactivated user.
     *
     * @throws dev.kysera.core.error.NotFoundException if the id is unknown
     * @throws dev.kysera.softdelete.RecordNotDeletedException if the user is active
     * @throws dev.kysera.core.error.UniqueConstraintException if a live user signed up with the e-mail meanwhile
     */
    public User reactivate(long id) {
        return softDeletes.restore(id);
    }
}
