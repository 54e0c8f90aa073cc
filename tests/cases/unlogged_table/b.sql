CREATE TABLE upload_chunk (id integer PRIMARY KEY, data bytea);
