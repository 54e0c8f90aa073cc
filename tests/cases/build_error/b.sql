CREATE TABLE tag (name text);
CREATE INDEX tag_name_idx ON tag (nmae);
