CREATE TABLE speaker (id integer PRIMARY KEY, name text, alias text);
