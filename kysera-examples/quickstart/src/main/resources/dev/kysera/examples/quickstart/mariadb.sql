CREATE TABLE users (
  id         BIGINT AUTO_INCREMENT PRIMARY KEY,
  email      VARCHAR(255) NOT NULL,
  name       VARCHAR(100) NOT NULL,
  created_at DATETIME(6),
  updated_at DATETIME(6),
  deleted_at DATETIME(6),
  -- E-mails are unique among live users only, so a deleted account's e-mail can sign up again.
  live_email VARCHAR(255) AS (IF(deleted_at IS NULL, email, NULL)) PERSISTENT,
  CONSTRAINT users_email_live UNIQUE (live_email)
) ENGINE=InnoDB;

CREATE TABLE posts (
  id         BIGINT AUTO_INCREMENT PRIMARY KEY,
  user_id    BIGINT       NOT NULL,
  title      VARCHAR(200) NOT NULL,
  created_at DATETIME(6),
  updated_at DATETIME(6),
  deleted_at DATETIME(6),
  CONSTRAINT posts_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB;
