CREATE TABLE media_file (user_id integer, filename text);
CREATE INDEX media_file_user_idx ON media_file (user_id) WHERE filename IS NOT NULL;
