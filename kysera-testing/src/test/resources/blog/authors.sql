INSERT INTO users (email) VALUES ('ada@example.com');
