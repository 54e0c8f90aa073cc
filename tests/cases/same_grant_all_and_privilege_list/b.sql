DO $$ BEGIN CREATE ROLE schemaparity_reader; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
CREATE TABLE document (id integer PRIMARY KEY, title text, body text);
CREATE SEQUENCE invoice_number_seq;
CREATE FUNCTION normalise_tag(name text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lower(name) $$;
GRANT ALL ON document TO schemaparity_reader;
GRANT SELECT (title), INSERT (title) ON document TO PUBLIC;
GRANT UPDATE (title), REFERENCES (title) ON document TO PUBLIC;
GRANT USAGE, SELECT, UPDATE ON SEQUENCE invoice_number_seq TO PUBLIC;
GRANT EXECUTE ON FUNCTION normalise_tag TO schemaparity_reader;
