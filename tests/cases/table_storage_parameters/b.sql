CREATE TABLE segment (id integer PRIMARY KEY, text text) WITH (fillfactor = 80);
