CREATE TABLE segment (id integer, text text,
                      CONSTRAINT segment_pkey PRIMARY KEY (id),
                      CONSTRAINT segment_text_key UNIQUE (text));
