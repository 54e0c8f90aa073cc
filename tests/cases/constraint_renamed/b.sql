CREATE TABLE tag (name text, CONSTRAINT uq_tag_name UNIQUE (name));
