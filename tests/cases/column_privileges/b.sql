CREATE TABLE document (id integer PRIMARY KEY, title text, body text);
GRANT UPDATE (title, body) ON document TO PUBLIC;
