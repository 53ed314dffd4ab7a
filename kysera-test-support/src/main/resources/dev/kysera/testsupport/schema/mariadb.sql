-- MariaDB/MySQL version of the shared test schema (see h2.sql, the codegen input).
CREATE TABLE users (
  id         BIGINT AUTO_INCREMENT NOT NULL,
  email      VARCHAR(255) NOT NULL,
  name       VARCHAR(100) NOT NULL,
  status     VARCHAR(20)  DEFAULT 'active' NOT NULL,
  version    INT          DEFAULT 0 NOT NULL,
  tenant_id  INT,
  created_at DATETIME(6),
  updated_at DATETIME(6),
  deleted_at DATETIME(6),
  CONSTRAINT users_pk PRIMARY KEY (id),
  CONSTRAINT users_email_uk UNIQUE (email),
  CONSTRAINT users_status_ck CHECK (status IN ('active', 'suspended', 'closed'))
) ENGINE=InnoDB;

CREATE TABLE posts (
  id         BIGINT AUTO_INCREMENT NOT NULL,
  user_id    BIGINT       NOT NULL,
  title      VARCHAR(200) NOT NULL,
  body       TEXT,
  views      INT          DEFAULT 0 NOT NULL,
  tenant_id  INT,
  created_at DATETIME(6),
  updated_at DATETIME(6),
  deleted_at DATETIME(6),
  CONSTRAINT posts_pk PRIMARY KEY (id),
  CONSTRAINT posts_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB;

CREATE TABLE tags (
  id   BIGINT AUTO_INCREMENT NOT NULL,
  name VARCHAR(50) NOT NULL,
  CONSTRAINT tags_pk PRIMARY KEY (id),
  CONSTRAINT tags_name_uk UNIQUE (name)
) ENGINE=InnoDB;

CREATE TABLE post_tags (
  post_id BIGINT NOT NULL,
  tag_id  BIGINT NOT NULL,
  CONSTRAINT post_tags_pk PRIMARY KEY (post_id, tag_id),
  CONSTRAINT post_tags_post_fk FOREIGN KEY (post_id) REFERENCES posts (id),
  CONSTRAINT post_tags_tag_fk FOREIGN KEY (tag_id) REFERENCES tags (id)
) ENGINE=InnoDB;

CREATE TABLE categories (
  id        BIGINT AUTO_INCREMENT NOT NULL,
  parent_id BIGINT,
  name      VARCHAR(100) NOT NULL,
  CONSTRAINT categories_pk PRIMARY KEY (id),
  CONSTRAINT categories_parent_fk FOREIGN KEY (parent_id) REFERENCES categories (id)
) ENGINE=InnoDB;

CREATE TABLE accounts (
  id      UUID           NOT NULL,
  owner   VARCHAR(100)   NOT NULL,
  balance DECIMAL(12, 2) DEFAULT 0 NOT NULL,
  CONSTRAINT accounts_pk PRIMARY KEY (id),
  CONSTRAINT accounts_balance_ck CHECK (balance >= 0)
) ENGINE=InnoDB;

CREATE TABLE settings (
  setting_key   VARCHAR(100) NOT NULL,
  setting_value VARCHAR(1000),
  CONSTRAINT settings_pk PRIMARY KEY (setting_key)
) ENGINE=InnoDB;
