CREATE TABLE tag (name text DEFAULT 'untitled'::text, color varchar(7) DEFAULT '#000000');
