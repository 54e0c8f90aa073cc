CREATE TABLE document (id integer PRIMARY KEY, owner_id integer, title text);
ALTER TABLE document ENABLE ROW LEVEL SECURITY;
CREATE POLICY document_owner ON document USING (owner_id = current_setting('app.user_id')::integer);
