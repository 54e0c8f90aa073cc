CREATE TABLE segment (id integer, text text,
                      CONSTRAINT segment_pkey PRIMARY KEY (id) WITH (fillfactor = 70),
                      CONSTRAINT segment_text_key UNIQUE (text) WITH (deduplicate_items = off));
