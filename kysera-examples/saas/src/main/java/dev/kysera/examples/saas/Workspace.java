package dev.kysera.examples.saas;

import static dev.kysera.examples.saas.schema.Tables.PROJECTS;
import static dev.kysera.examples.saas.schema.Tables.TASKS;
import static dev.kysera.examples.saas.schema.Tables.TENANTS;
import static dev.kysera.examples.saas.schema.Tables.USERS;

import dev.kysera.audit.AuditPlugin;
import dev.kysera.core.error.BadRequestException;
import dev.kysera.core.error.NotFoundException;
import dev.kysera.executor.Executor;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tenant's workspace as the current request may see it. No method checks a permission: the
 * executor's RLS plugin filters every read and refuses or skips every write the caller may not make,
 * so a row of another tenant is simply not found.
 */
// Reads run in a transaction too: on PostgreSQL only transactions get the native policies' context and
// role, and the RLS plugin refuses statements on the tenant's tables outside one.
@Service
@Transactional(readOnly = true)
public class Workspace {

    /** A tenant. */
    public record Tenant(long id, String name) {
    }

    /** A user, without the password hash. */
    public record Member(String username, String role) {
    }

    /** A project. */
    public record Project(long id, String name) {
    }

    /** A task of a project. */
    public record Task(long id, long projectId, String title, String status, String assignee) {
    }

    /** One change of a project or task, as its history shows it. */
    public record Change(long id, String operation, String changedBy, LocalDateTime changedAt, List<String> changedColumns,
                         Map<String, Object> oldValues, Map<String, Object> newValues) {
    }

    private static final Set<String> ROLES = Set.of(SaasPolicies.OWNER, SaasPolicies.ADMIN, SaasPolicies.MEMBER);
    private static final Set<String> STATUSES = Set.of("open", "done");

    private final Executor executor;
    private final AuditPlugin audit;
    private final PasswordEncoder passwords;

    Workspace(Executor executor, AuditPlugin audit, PasswordEncoder passwords) {
        this.executor = executor;
        this.audit = audit;
        this.passwords = passwords;
    }

    private DSLContext dsl() {
        return executor.dsl();
    }

    public Tenant tenant() {
        return dsl().selectFrom(TENANTS).fetchOptional(r -> new Tenant(r.getId(), r.getName()))
                .orElseThrow(() -> new NotFoundException("tenant", "current"));
    }

    public List<Member> members() {
        return dsl().select(USERS.USERNAME, USERS.ROLE).from(USERS).orderBy(USERS.USERNAME).fetch(r -> new Member(r.value1(), r.value2()));
    }

    /** Adds a user to the tenant; owners and admins only, and only owners make owners. */
    @Transactional
    public Member addMember(String username, String password, String role) {
        require("username", username);
        require("password", password);
        if (!ROLES.contains(role)) {
            throw new BadRequestException("role must be one of " + ROLES);
        }
        dsl().insertInto(USERS, USERS.USERNAME, USERS.PASSWORD_HASH, USERS.ROLE)
                .values(username, passwords.encode(password), role).execute();
        return new Member(username, role);
    }

    public List<Project> projects() {
        return dsl().selectFrom(PROJECTS).orderBy(PROJECTS.ID).fetch(r -> new Project(r.getId(), r.getName()));
    }

    @Transactional
    public Project createProject(String name) {
        require("name", name);
        long id = dsl().insertInto(PROJECTS, PROJECTS.NAME).values(name).returning(PROJECTS.ID).fetchSingle(PROJECTS.ID);
        return new Project(id, name);
    }

    /** Deletes a project and its tasks; a project the caller cannot see or delete is not found. */
    @Transactional
    public void deleteProject(long id) {
        visibleProject(id);
        dsl().deleteFrom(TASKS).where(TASKS.PROJECT_ID.eq(id)).execute();
        if (dsl().deleteFrom(PROJECTS).where(PROJECTS.ID.eq(id)).execute() == 0) {
            throw new NotFoundException("project", id);
        }
    }

    public List<Task> tasks(long projectId) {
        visibleProject(projectId);
        return dsl().selectFrom(TASKS).where(TASKS.PROJECT_ID.eq(projectId)).orderBy(TASKS.ID)
                .fetch(r -> new Task(r.getId(), r.getProjectId(), r.getTitle(), r.getStatus(), r.getAssignee()));
    }

    /**
     * Adds a task to a project, in one INSERT … SELECT: the SELECT reads the project under RLS, so a
     * project the caller cannot see (another tenant's, or none) yields no row, and nothing is written
     * — there is no check before the write for a concurrent change to slip between. RLS stamps the
     * caller's tenant on the task; the foreign key (tenant_id, project_id) backs it in the database.
     */
    @Transactional
    public Task createTask(long projectId, String title, String assignee) {
        require("title", title);
        long id = dsl().insertInto(TASKS, TASKS.PROJECT_ID, TASKS.TITLE, TASKS.ASSIGNEE)
                .select(DSL.select(PROJECTS.ID, DSL.val(title), DSL.val(assignee)).from(PROJECTS).where(PROJECTS.ID.eq(projectId)))
                .returning(TASKS.ID).fetchOptional(TASKS.ID)
                .orElseThrow(() -> new NotFoundException("project", projectId));
        return new Task(id, projectId, title, "open", assignee);
    }

    /** Sets a task's status: its assignee, an owner or an admin may; for anyone else it is not found. */
    @Transactional
    public void setStatus(long taskId, String status) {
        if (!STATUSES.contains(status)) {
            throw new BadRequestException("status must be one of " + STATUSES);
        }
        if (dsl().update(TASKS).set(TASKS.STATUS, status).where(TASKS.ID.eq(taskId)).execute() == 0) {
            throw new NotFoundException("task", taskId);
        }
    }

    /** A project's history, oldest first; a project the caller cannot see is not found (nor is its history). */
    @Transactional(readOnly = true)
    public List<Change> projectHistory(long id) {
        visibleProject(id);
        return history("projects", id);
    }

    /** A task's history, oldest first; a task the caller cannot see is not found. */
    @Transactional(readOnly = true)
    public List<Change> taskHistory(long id) {
        if (!dsl().fetchExists(TASKS, TASKS.ID.eq(id))) {
            throw new NotFoundException("task", id);
        }
        return history("tasks", id);
    }

    // The log reads through the executor under the request's RLS context: RLS filters which entries' rows are visible.
    private List<Change> history(String table, long id) {
        return audit.log(executor).history(table, id).stream()
                .map(e -> new Change(e.id(), e.operation().name(), e.changedBy(), e.changedAt(), e.changedColumns(),
                        e.oldValues(), e.newValues()))
                .toList();
    }

    private void visibleProject(long id) {
        if (!dsl().fetchExists(PROJECTS, PROJECTS.ID.eq(id))) {
            throw new NotFoundException("project", id);
        }
    }

    private static void require(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new BadRequestException(name + " is required");
        }
    }
}
