CREATE TABLE document (id integer PRIMARY KEY, owner_id integer);
