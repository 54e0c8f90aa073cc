CREATE TABLE segment (id integer PRIMARY KEY WITH (fillfactor=90), text text)
    WITH (fillfactor=70, autovacuum_vacuum_scale_factor=0.05, toast.autovacuum_enabled=false);
CREATE INDEX segment_text_idx ON segment (text) WITH (fillfactor=80, deduplicate_items=off);
