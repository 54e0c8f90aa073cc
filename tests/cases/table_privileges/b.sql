CREATE TABLE document (id integer PRIMARY KEY, title text, body text);
GRANT SELECT, INSERT ON document TO PUBLIC;
