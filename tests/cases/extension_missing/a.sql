CREATE EXTENSION citext;
CREATE TABLE speaker (name text);
