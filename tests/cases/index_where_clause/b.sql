CREATE TABLE media_file (user_id integer, deleted_at timestamptz);
CREATE INDEX media_file_live_idx ON media_file (user_id) WHERE deleted_at IS NOT NULL;
