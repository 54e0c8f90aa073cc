DO $$ BEGIN CREATE ROLE schemaparity_reader; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE schemaparity_writer; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
CREATE TABLE document (id integer PRIMARY KEY, owner_id integer, title text);
ALTER TABLE document ENABLE ROW LEVEL SECURITY;
CREATE POLICY document_owner ON document AS PERMISSIVE FOR ALL TO PUBLIC
    USING ((owner_id = CAST(current_setting('app.user_id'::text) AS int)));
CREATE POLICY document_staff ON document AS PERMISSIVE FOR UPDATE TO schemaparity_writer, schemaparity_reader
    USING (TRUE) WITH CHECK ((title <> ''::text));
