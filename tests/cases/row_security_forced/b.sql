CREATE TABLE document (id integer PRIMARY KEY, owner_id integer);
ALTER TABLE document ENABLE ROW LEVEL SECURITY;
