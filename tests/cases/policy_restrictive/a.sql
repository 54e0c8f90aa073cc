CREATE TABLE document (id integer PRIMARY KEY, owner_id integer, title text);
ALTER TABLE document ENABLE ROW LEVEL SECURITY;
CREATE POLICY document_titled ON document AS RESTRICTIVE USING (title IS NOT NULL);
