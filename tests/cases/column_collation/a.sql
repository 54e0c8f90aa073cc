CREATE TABLE tag (name text COLLATE "C");
