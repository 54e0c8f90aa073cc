CREATE TABLE document (id integer PRIMARY KEY, owner_id integer, title text);
ALTER TABLE document ENABLE ROW LEVEL SECURITY;
