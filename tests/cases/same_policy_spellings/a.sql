DO $$ BEGIN CREATE ROLE schemaparity_reader; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE schemaparity_writer; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
CREATE TABLE document (id integer PRIMARY KEY, owner_id integer, title text);
ALTER TABLE document ENABLE ROW LEVEL SECURITY;
CREATE POLICY document_owner ON document USING (owner_id = current_setting('app.user_id')::integer);
CREATE POLICY document_staff ON document FOR UPDATE TO schemaparity_reader, schemaparity_writer
    USING (true) WITH CHECK (title <> '');
