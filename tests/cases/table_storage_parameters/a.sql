CREATE TABLE segment (id integer PRIMARY KEY, text text) WITH (fillfactor = 70, toast.autovacuum_enabled = false);
