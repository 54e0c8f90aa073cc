CREATE TABLE document (id integer PRIMARY KEY, title text, body text);
CREATE FUNCTION normalise_tag(name text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lower(name) $$;
REVOKE ALL ON document FROM PUBLIC;
GRANT ALL ON document TO CURRENT_USER;
GRANT EXECUTE ON FUNCTION normalise_tag(text) TO PUBLIC, CURRENT_USER;
