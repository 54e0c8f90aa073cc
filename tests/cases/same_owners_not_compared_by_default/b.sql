DO $$ BEGIN CREATE ROLE schemaparity_owner; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
CREATE TABLE speaker (id integer PRIMARY KEY, name text);
CREATE FUNCTION normalise_tag(name text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lower(name) $$;
ALTER TABLE speaker OWNER TO schemaparity_owner;
ALTER FUNCTION normalise_tag(text) OWNER TO schemaparity_owner;
