CREATE TABLE "user" (id integer PRIMARY KEY);
CREATE TABLE media_file (id integer PRIMARY KEY, user_id integer);
COMMENT ON TABLE media_file IS 'Uploaded audio and video';
CREATE INDEX media_file_user_idx ON media_file (user_id);
ALTER TABLE media_file ADD FOREIGN KEY (user_id) REFERENCES "user" (id);
