CREATE TABLE segment (id integer PRIMARY KEY, text text);
CREATE INDEX segment_text_idx ON segment (text) WITH (fillfactor = 70);
