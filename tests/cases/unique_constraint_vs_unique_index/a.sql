CREATE TABLE tag (name text, CONSTRAINT tag_name_key UNIQUE (name));
