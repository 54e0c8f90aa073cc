CREATE TABLE speaker (id integer PRIMARY KEY);
CREATE TABLE tag (name text);
