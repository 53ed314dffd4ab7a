package dev.kysera.examples.blog;

import static dev.kysera.examples.blog.schema.Tables.COMMENTS;
import static dev.kysera.examples.blog.schema.Tables.POSTS;
import static dev.kysera.examples.blog.schema.Tables.USERS;

import dev.kysera.audit.AuditOptions;
import dev.kysera.audit.AuditPlugin;
import dev.kysera.core.page.CursorOptions;
import dev.kysera.core.page.Paginator;
import dev.kysera.debug.LogEntry;
import dev.kysera.debug.Profiler;
import dev.kysera.debug.QueryLog;
import dev.kysera.debug.QueryLogOptions;
import dev.kysera.examples.AppMigrations;
import dev.kysera.executor.ContextKey;
import dev.kysera.executor.Executor;
import dev.kysera.rls.RlsContext;
import dev.kysera.rls.RlsPlugin;
import dev.kysera.repository.Repository;
import dev.kysera.repository.Values;
import dev.kysera.softdelete.SoftDeleteOptions;
import dev.kysera.softdelete.SoftDeletePlugin;
import dev.kysera.timestamps.TimestampsOptions;
import dev.kysera.timestamps.TimestampsPlugin;
import dev.kysera.validation.jakarta.JakartaValidation;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jooq.SQLDialect;

/**
 * The blog, wired: one executor with row-level security ({@link BlogPolicies}: who may change
 * what), soft delete, timestamps, an audit history of posts, a query log and a profiler;
 * repositories over users, posts and comments; services per acting user ({@link #as(User)},
 * {@link #asAdmin(User)}, {@link #guest()}).
 * Build it with {@link #start}, which migrates the schema first; close it to close the executor
 * (the data source stays the caller's).
 */
public final class BlogApp implements AutoCloseable {

    /** Who is acting: recorded as {@code changed_by} in the audit history. */
    public static final ContextKey<String> ACTOR = ContextKey.of("blog.actor", String.class);
    /** The blog's audit table. */
    public static final String AUDIT_TABLE = "blog_audit_log";

    private final Executor executor;
    private final SoftDeletePlugin softDelete;
    private final AuditPlugin audit;
    private final Profiler profiler;
    private final Repository<User, Long, NewUser, Values> users;
    private final Repository<Post, Long, NewPost, PostEdit> posts;
    private final Repository<Comment, Long, NewComment, Values> comments;

    private BlogApp(Executor executor, SoftDeletePlugin softDelete, AuditPlugin audit, Profiler profiler, byte[] cursorSecret) {
        this.executor = executor;
        this.softDelete = softDelete;
        this.profiler = profiler;
        this.audit = audit;
        this.users = Repository.builder(USERS, USERS.ID)
                .mapper(User::from)
                .create((NewUser u) -> Values.of(USERS.EMAIL, u.email()).set(USERS.NAME, u.name()), JakartaValidation.schema())
                .build(executor);
        this.posts = Repository.builder(POSTS, POSTS.ID)
                .mapper(Post::from)
                .create((NewPost p) -> Values.of(POSTS.USER_ID, p.authorId()).set(POSTS.TITLE, p.title()).set(POSTS.BODY, p.body()),
                        JakartaValidation.schema())
                .update((PostEdit e) -> Values.of(POSTS.TITLE, e.title()).set(POSTS.BODY, e.body()), JakartaValidation.schema())
                // Feed cursors go to browsers: signed, so a client cannot forge a position.
                .paginator(Paginator.builder().cursorOptions(CursorOptions.signed(cursorSecret)).build())
                .build(executor);
        this.comments = Repository.builder(COMMENTS, COMMENTS.ID)
                .mapper(Comment::from)
                .create((NewComment c) -> Values.of(COMMENTS.POST_ID, c.postId()).set(COMMENTS.USER_ID, c.authorId()).set(COMMENTS.BODY, c.body()),
                        JakartaValidation.schema())
                .build(executor);
    }

    /**
     * Migrates the schema on {@code dataSource} and starts the blog on it.
     *
     * @param cursorSecret signs the feed's cursors (at least 32 bytes; keep it stable across restarts)
     * @param queryLog     receives one entry per statement that ran, with binds (e-mails redacted)
     * @throws dev.kysera.migrations.MigrationException if the schema cannot be migrated
     * @throws IllegalArgumentException if the secret is unfit for signing
     */
    public static BlogApp start(DataSource dataSource, SQLDialect dialect, byte[] cursorSecret, Consumer<LogEntry> queryLog) {
        return start(dataSource, dialect, cursorSecret, queryLog, Clock.systemUTC());
    }

    /**
     * {@link #start(DataSource, SQLDialect, byte[], Consumer)} with the clock that stamps
     * {@code created_at}, {@code updated_at} and {@code deleted_at} (UTC wall clock), e.g. a fixed one in tests.
     */
    public static BlogApp start(DataSource dataSource, SQLDialect dialect, byte[] cursorSecret, Consumer<LogEntry> queryLog, Clock clock) {
        Objects.requireNonNull(queryLog, "queryLog");
        Objects.requireNonNull(clock, "clock");
        AppMigrations.migrator(dataSource, dialect, "blog", AUDIT_TABLE).up();
        // Every DELETE of users, posts and comments becomes a soft delete, recorded as SOFT_DELETE in the history.
        SoftDeletePlugin softDelete = SoftDeletePlugin.of(SoftDeleteOptions.builder().deleteAsUpdate(true).clock(clock).build());
        AuditPlugin audit = AuditOptions.builder().table("posts", "id").auditTable(AUDIT_TABLE).changedBy(ACTOR).plugin();
        QueryLog log = QueryLogOptions.builder().logBinds(true).redactColumns("email").slowThreshold(Duration.ofMillis(200))
                .sink(queryLog).plugin();
        Profiler profiler = Profiler.defaults();
        Executor executor = Executor.builder().dataSource(dataSource, dialect)
                .plugin(BlogPolicies.plugin(AUDIT_TABLE)).plugin(softDelete)
                .plugin(TimestampsPlugin.of(TimestampsOptions.builder().clock(clock).build())).plugin(audit).plugin(log).plugin(profiler)
                .build();
        try {
            return new BlogApp(executor, softDelete, audit, profiler, cursorSecret);
        } catch (RuntimeException e) {
            executor.close();
            throw e;
        }
    }

    /**
     * The blog's services acting as {@code user}: they may change the user's own account, posts
     * and comments, and delete comments on the user's posts. The user's name is recorded in the
     * audit history.
     */
    public Blog as(User user) {
        return acting(RlsContext.user(user.id()), user.name());
    }

    /** The blog's services acting as {@code user} with the {@value BlogPolicies#ADMIN} role: a moderator, who may change everything. */
    public Blog asAdmin(User user) {
        return acting(RlsContext.user(user.id(), BlogPolicies.ADMIN), user.name());
    }

    /** The services of a visitor who has not signed in: reading and signing up only. */
    public Blog guest() {
        return acting(RlsContext.user(null), "guest");
    }

    private Blog acting(RlsContext context, String actor) {
        Executor acting = executor.with(RlsPlugin.CONTEXT, context).with(ACTOR, actor);
        Repository<Post, Long, NewPost, PostEdit> actingPosts = posts.with(acting);
        return new Blog(
                new UserService(users.with(acting), softDelete),
                new PostService(acting, actingPosts, softDelete, audit.log(acting)),
                new CommentService(comments.with(acting), actingPosts, softDelete));
    }

    /** The profiler's plain-text report: statement shapes by total time. */
    public String profileReport() {
        return profiler.snapshot().report();
    }

    /** The profiler itself, e.g. for {@code HtmlReport.write(path, profiler().snapshot(), List.of())}. */
    public Profiler profiler() {
        return profiler;
    }

    /** The executor everything runs through. */
    public Executor executor() {
        return executor;
    }

    @Override
    public void close() {
        executor.close();
    }

    /** The services of one acting user. */
    public record Blog(UserService users, PostService posts, CommentService comments) {
    }
}
