CREATE TABLE media_file (user_id integer, filename text);
CREATE INDEX ix_media_file_user_id ON media_file (user_id, filename);
