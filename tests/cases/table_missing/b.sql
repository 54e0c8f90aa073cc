CREATE TABLE speaker (id integer PRIMARY KEY);
