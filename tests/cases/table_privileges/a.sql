CREATE TABLE document (id integer PRIMARY KEY, title text, body text);
GRANT SELECT ON document TO PUBLIC;
