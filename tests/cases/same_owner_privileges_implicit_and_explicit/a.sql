CREATE TABLE document (id integer PRIMARY KEY, title text, body text);
CREATE FUNCTION normalise_tag(name text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lower(name) $$;
