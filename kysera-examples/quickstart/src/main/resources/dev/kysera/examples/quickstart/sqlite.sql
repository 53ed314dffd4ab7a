CREATE TABLE users (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  email      VARCHAR(255) NOT NULL,
  name       VARCHAR(100) NOT NULL,
  created_at TEXT,
  updated_at TEXT,
  deleted_at TEXT
);
-- E-mails are unique among live users only, so a deleted account's e-mail can sign up again.
CREATE UNIQUE INDEX users_email_live ON users (email) WHERE deleted_at IS NULL;

CREATE TABLE posts (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id    BIGINT       NOT NULL REFERENCES users (id),
  title      VARCHAR(200) NOT NULL,
  created_at TEXT,
  updated_at TEXT,
  deleted_at TEXT
);
