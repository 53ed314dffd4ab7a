-- kysera:up
-- Every row of a tenant's data carries tenant_id; the RLS policies key on it.
CREATE TABLE tenants (
  id   INTEGER PRIMARY KEY AUTOINCREMENT,
  name VARCHAR(100) NOT NULL UNIQUE
);
CREATE TABLE users (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id     BIGINT       NOT NULL REFERENCES tenants (id),
  username      VARCHAR(100) NOT NULL UNIQUE,
  password_hash VARCHAR(100) NOT NULL,
  role          VARCHAR(10)  NOT NULL CHECK (role IN ('owner', 'admin', 'member'))
);
CREATE TABLE projects (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id BIGINT       NOT NULL REFERENCES tenants (id),
  name      VARCHAR(200) NOT NULL,
  -- the target of tasks' (tenant_id, project_id): a task's project is always its tenant's
  UNIQUE (tenant_id, id)
);
CREATE TABLE tasks (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id  BIGINT       NOT NULL REFERENCES tenants (id),
  project_id BIGINT       NOT NULL,
  title      VARCHAR(200) NOT NULL,
  status     VARCHAR(10)  NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
  assignee   VARCHAR(100),
  -- the database, not only the application, keeps tasks from linking to another tenant's project
  FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id)
);
CREATE INDEX tasks_project ON tasks (project_id);
-- The code generator reads this file too: it must not run the down section.
-- [jooq ignore start]
-- kysera:down
DROP TABLE tasks;
DROP TABLE projects;
DROP TABLE users;
DROP TABLE tenants;
-- [jooq ignore stop]
