DO $$ BEGIN CREATE ROLE schemaparity_reader; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
CREATE TABLE document (id integer PRIMARY KEY, owner_id integer, title text);
ALTER TABLE document ENABLE ROW LEVEL SECURITY;
CREATE POLICY document_reader ON document FOR SELECT TO schemaparity_reader USING (true);
