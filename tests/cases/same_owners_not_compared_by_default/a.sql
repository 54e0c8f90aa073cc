CREATE TABLE speaker (id integer PRIMARY KEY, name text);
CREATE FUNCTION normalise_tag(name text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lower(name) $$;
