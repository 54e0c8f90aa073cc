CREATE FUNCTION normalise_tag(name text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lower(name) $$;
REVOKE EXECUTE ON FUNCTION normalise_tag(text) FROM PUBLIC;
