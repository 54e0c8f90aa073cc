CREATE TABLE speaker (name text);
