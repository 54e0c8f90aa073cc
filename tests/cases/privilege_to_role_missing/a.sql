DO $$ BEGIN CREATE ROLE schemaparity_reader; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
CREATE TABLE document (id integer PRIMARY KEY, title text, body text);
GRANT SELECT ON document TO schemaparity_reader;
