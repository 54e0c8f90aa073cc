CREATE TABLE tag (name text);
CREATE UNIQUE INDEX tag_name_key ON tag (name);
