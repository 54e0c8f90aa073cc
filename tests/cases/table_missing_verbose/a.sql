CREATE TABLE pair (id integer PRIMARY KEY, name text);
CREATE INDEX pair_name_idx ON pair (name);
