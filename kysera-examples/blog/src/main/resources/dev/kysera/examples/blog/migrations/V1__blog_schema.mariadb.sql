-- kysera:up
-- The blog's schema on MariaDB. Timestamps are UTC wall clock (DATETIME, zone-less).
CREATE TABLE users (
  id         BIGINT AUTO_INCREMENT PRIMARY KEY,
  email      VARCHAR(255) NOT NULL,
  name       VARCHAR(100) NOT NULL,
  created_at DATETIME(6),
  updated_at DATETIME(6),
  deleted_at DATETIME(6),
  -- E-mails are unique among live users only (MariaDB has no partial indexes).
  live_email VARCHAR(255) AS (IF(deleted_at IS NULL, email, NULL)) PERSISTENT,
  CONSTRAINT users_email_live UNIQUE (live_email)
) ENGINE=InnoDB;

CREATE TABLE posts (
  id         BIGINT AUTO_INCREMENT PRIMARY KEY,
  user_id    BIGINT       NOT NULL,
  title      VARCHAR(200) NOT NULL,
  body       TEXT         NOT NULL,
  published  BOOLEAN      NOT NULL DEFAULT FALSE,
  created_at DATETIME(6),
  updated_at DATETIME(6),
  deleted_at DATETIME(6),
  CONSTRAINT posts_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB;

CREATE TABLE comments (
  id         BIGINT AUTO_INCREMENT PRIMARY KEY,
  post_id    BIGINT        NOT NULL,
  user_id    BIGINT        NOT NULL,
  body       VARCHAR(2000) NOT NULL,
  created_at DATETIME(6),
  updated_at DATETIME(6),
  deleted_at DATETIME(6),
  CONSTRAINT comments_post_fk FOREIGN KEY (post_id) REFERENCES posts (id),
  CONSTRAINT comments_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB;

-- kysera:down
DROP TABLE comments;
DROP TABLE posts;
DROP TABLE users;
