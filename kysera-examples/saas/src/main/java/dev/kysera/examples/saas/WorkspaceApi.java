package dev.kysera.examples.saas;

import dev.kysera.examples.saas.Workspace.Change;
import dev.kysera.examples.saas.Workspace.Member;
import dev.kysera.examples.saas.Workspace.Project;
import dev.kysera.examples.saas.Workspace.Task;
import dev.kysera.examples.saas.Workspace.Tenant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The JSON API. Errors are problem details from the starter (400, 403, 404, 409). */
@RestController
@RequestMapping("/api")
public class WorkspaceApi {

    /** Body of {@code POST /api/users}. */
    public record NewMember(String username, String password, String role) {
    }

    /** Body of {@code POST /api/projects}. */
    public record NewProject(String name) {
    }

    /** Body of {@code POST /api/projects/{id}/tasks}. */
    public record NewTask(String title, String assignee) {
    }

    /** Body of {@code PATCH /api/tasks/{id}}. */
    public record StatusChange(String status) {
    }

    private final Workspace workspace;

    WorkspaceApi(Workspace workspace) {
        this.workspace = workspace;
    }

    @GetMapping("/tenant")
    public Tenant tenant() {
        return workspace.tenant();
    }

    @GetMapping("/users")
    public List<Member> users() {
        return workspace.members();
    }

    @PostMapping("/users")
    @ResponseStatus(HttpStatus.CREATED)
    public Member addUser(@RequestBody NewMember body) {
        return workspace.addMember(body.username(), body.password(), body.role());
    }

    @GetMapping("/projects")
    public List<Project> projects() {
        return workspace.projects();
    }

    @PostMapping("/projects")
    @ResponseStatus(HttpStatus.CREATED)
    public Project createProject(@RequestBody NewProject body) {
        return workspace.createProject(body.name());
    }

    @DeleteMapping("/projects/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void deleteProject(@PathVariable long id) {
        workspace.deleteProject(id);
    }

    @GetMapping("/projects/{id}/history")
    public List<Change> projectHistory(@PathVariable long id) {
        return workspace.projectHistory(id);
    }

    @GetMapping("/tasks/{id}/history")
    public List<Change> taskHistory(@PathVariable long id) {
        return workspace.taskHistory(id);
    }

    @GetMapping("/projects/{id}/tasks")
    public List<Task> tasks(@PathVariable long id) {
        return workspace.tasks(id);
    }

    @PostMapping("/projects/{id}/tasks")
    @ResponseStatus(HttpStatus.CREATED)
    public Task createTask(@PathVariable long id, @RequestBody NewTask body) {
        return workspace.createTask(id, body.title(), body.assignee());
    }

    @PatchMapping("/tasks/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void setStatus(@PathVariable long id, @RequestBody StatusChange body) {
        workspace.setStatus(id, body.status());
    }
}
