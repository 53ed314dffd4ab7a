-- kysera:up
-- The blog's schema on SQLite. Timestamps are UTC wall clock, stored as text.
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
  body       TEXT         NOT NULL,
  published  BOOLEAN      NOT NULL DEFAULT 0,
  created_at TEXT,
  updated_at TEXT,
  deleted_at TEXT
);
CREATE INDEX posts_user ON posts (user_id);

CREATE TABLE comments (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  post_id    BIGINT        NOT NULL REFERENCES posts (id),
  user_id    BIGINT        NOT NULL REFERENCES users (id),
  body       VARCHAR(2000) NOT NULL,
  created_at TEXT,
  updated_at TEXT,
  deleted_at TEXT
);
CREATE INDEX comments_post ON comments (post_id);

-- kysera:down
DROP TABLE comments;
DROP TABLE posts;
DROP TABLE users;
