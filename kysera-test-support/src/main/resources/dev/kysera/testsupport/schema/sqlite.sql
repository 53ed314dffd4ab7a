-- SQLite version of the shared test schema (see h2.sql, the codegen input).
-- Timestamps are ISO-8601 text; only INTEGER PRIMARY KEY generates keys.
CREATE TABLE users (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  email      VARCHAR(255) NOT NULL,
  name       VARCHAR(100) NOT NULL,
  status     VARCHAR(20)  DEFAULT 'active' NOT NULL,
  version    INT          DEFAULT 0 NOT NULL,
  tenant_id  INT,
  created_at TEXT,
  updated_at TEXT,
  deleted_at TEXT,
  CONSTRAINT users_email_uk UNIQUE (email),
  CONSTRAINT users_status_ck CHECK (status IN ('active', 'suspended', 'closed'))
);

CREATE TABLE posts (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id    BIGINT       NOT NULL,
  title      VARCHAR(200) NOT NULL,
  body       VARCHAR(4000),
  views      INT          DEFAULT 0 NOT NULL,
  tenant_id  INT,
  created_at TEXT,
  updated_at TEXT,
  deleted_at TEXT,
  CONSTRAINT posts_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
);

CREATE TABLE tags (
  id   INTEGER PRIMARY KEY AUTOINCREMENT,
  name VARCHAR(50) NOT NULL,
  CONSTRAINT tags_name_uk UNIQUE (name)
);

CREATE TABLE post_tags (
  post_id BIGINT NOT NULL,
  tag_id  BIGINT NOT NULL,
  CONSTRAINT post_tags_pk PRIMARY KEY (post_id, tag_id),
  CONSTRAINT post_tags_post_fk FOREIGN KEY (post_id) REFERENCES posts (id),
  CONSTRAINT post_tags_tag_fk FOREIGN KEY (tag_id) REFERENCES tags (id)
);

CREATE TABLE categories (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  parent_id BIGINT,
  name      VARCHAR(100) NOT NULL,
  CONSTRAINT categories_parent_fk FOREIGN KEY (parent_id) REFERENCES categories (id)
);

CREATE TABLE accounts (
  id      TEXT           NOT NULL,
  owner   VARCHAR(100)   NOT NULL,
  balance DECIMAL(12, 2) DEFAULT 0 NOT NULL,
  CONSTRAINT accounts_balance_ck CHECK (balance >= 0)
);

CREATE TABLE settings (
  setting_key   VARCHAR(100) NOT NULL,
  setting_value VARCHAR(1000),
  CONSTRAINT settings_pk PRIMARY KEY (setting_key)
);
