CREATE TABLE tag (name text);
