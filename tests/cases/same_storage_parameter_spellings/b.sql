CREATE TABLE segment (id integer, text text) WITH (AUTOVACUUM_VACUUM_SCALE_FACTOR = 0.05, FILLFACTOR = 70);
ALTER TABLE segment ADD CONSTRAINT segment_pkey PRIMARY KEY (id) WITH (FILLFACTOR = 90);
ALTER TABLE segment SET (toast.autovacuum_enabled = false);
CREATE INDEX segment_text_idx ON segment USING btree (text) WITH (DEDUPLICATE_ITEMS = off, FILLFACTOR = 80);
