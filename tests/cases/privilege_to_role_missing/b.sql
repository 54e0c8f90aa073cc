CREATE TABLE document (id integer PRIMARY KEY, title text, body text);
