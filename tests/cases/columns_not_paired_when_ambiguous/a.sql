CREATE TABLE speaker (id integer PRIMARY KEY, label text, nickname text);
