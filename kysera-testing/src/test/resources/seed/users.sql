-- Two users; the posts seeder depends on this file.
INSERT INTO users (email, name) VALUES ('ada@example.com', 'Ada');
INSERT INTO users (email, name) VALUES ('grace@example.com', 'Grace');
