package dev.kysera.examples.blog;

import static dev.kysera.examples.blog.schema.Tables.COMMENTS;
import static dev.kysera.examples.blog.schema.Tables.POSTS;
import static dev.kysera.examples.blog.schema.Tables.USERS;
import static dev.kysera.rls.RlsOperation.CREATE;
import static dev.kysera.rls.RlsOperation.DELETE;
import static dev.kysera.rls.RlsOperation.READ;
import static dev.kysera.rls.RlsOperation.UPDATE;

import dev.kysera.rls.Policies;
import dev.kysera.rls.RlsOptions;
import dev.kysera.rls.RlsPlugin;
import dev.kysera.rls.Rule;
import dev.kysera.rls.TablePolicy;
import java.util.EnumSet;

/**
 * Who may change what, as row-level security enforced by kysera-rls inside every statement:
 * everyone reads; anyone signs up; users change only their own account, authors only their own
 * posts (edit, publish, delete, restore, revert); a comment is deleted or restored by its author or
 * by the post's author; an admin may do all of that. A statement on a row the caller may not
 * change matches no row; writing another user's id is refused.
 *
 * <p>Deleting is a soft delete, which the database sees as an UPDATE of {@code deleted_at}, so
 * the right to delete a comment is an UPDATE right too: no one may rewrite a comment's text, post
 * or author, which leaves that right meaning "delete and restore" only.
 */
final class BlogPolicies {

    /** The role of moderators: they may change every user's, post's and comment's rows. */
    static final String ADMIN = "admin";

    private BlogPolicies() {
    }

    static RlsPlugin plugin(String auditTable) {
        return RlsPlugin.of(RlsOptions.builder()
                .policy(TablePolicy.forTable("users")
                        .add(Rule.allowIf(EnumSet.of(READ, CREATE), ctx -> true).named("public_and_open_to_sign_up"))
                        .add(Rule.allow(EnumSet.of(UPDATE, DELETE), s -> s.column(USERS.ID).eq(s.user(USERS.ID.getDataType())))
                                .named("own_account"))
                        .add(Policies.adminOverride(ADMIN))
                        .build())
                .policy(TablePolicy.forTable("posts")
                        .add(Rule.allowIf(EnumSet.of(READ), ctx -> true).named("public"))
                        // Moderators are not held to authorship: a revert writes the post's author back, whoever it is.
                        .add(Policies.ownership(POSTS.USER_ID, EnumSet.of(CREATE, UPDATE, DELETE)).stream().map(rule -> rule.skipFor(ADMIN)).toList())
                        .add(Policies.adminOverride(ADMIN))
                        .build())
                .policy(TablePolicy.forTable("comments")
                        .add(Rule.allowIf(EnumSet.of(READ), ctx -> true).named("public"))
                        .add(Policies.ownership(COMMENTS.USER_ID, EnumSet.of(CREATE, UPDATE, DELETE)))
                        .add(Policies.relationship(EnumSet.of(UPDATE, DELETE), POSTS, POSTS.ID, COMMENTS.POST_ID, POSTS.USER_ID)
                                .named("post_author_moderates"))
                        .add(Policies.adminOverride(ADMIN))
                        .add(Rule.protect(COMMENTS.BODY.getName(), EnumSet.of(UPDATE), ctx -> false).named("text_is_final"))
                        .add(Rule.protect(COMMENTS.POST_ID.getName(), EnumSet.of(UPDATE), ctx -> false).named("post_is_final"))
                        .add(Rule.protect(COMMENTS.USER_ID.getName(), EnumSet.of(UPDATE), ctx -> false).named("author_is_final"))
                        .build())
                // The audit plugin writes the history; posts' history is public, like the posts.
                .harmless(auditTable)
                .build());
    }
}
