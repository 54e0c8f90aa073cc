DO $$ BEGIN CREATE ROLE schemaparity_reader; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
CREATE TABLE document (id integer PRIMARY KEY, title text, body text);
CREATE SEQUENCE invoice_number_seq;
CREATE FUNCTION normalise_tag(name text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lower(name) $$;
GRANT ALL PRIVILEGES ON TABLE document TO schemaparity_reader;
GRANT ALL (title) ON document TO PUBLIC;
GRANT ALL ON SEQUENCE invoice_number_seq TO PUBLIC;
GRANT ALL ON FUNCTION normalise_tag(text) TO schemaparity_reader;
