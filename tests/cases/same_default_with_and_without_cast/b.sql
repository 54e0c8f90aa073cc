CREATE TABLE tag (name text DEFAULT 'untitled', color varchar(7) DEFAULT '#000000'::character varying);
