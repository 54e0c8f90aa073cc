CREATE TABLE media_file (id integer PRIMARY KEY);
