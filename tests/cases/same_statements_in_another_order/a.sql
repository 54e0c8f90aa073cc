CREATE TABLE "user" (id integer PRIMARY KEY);
CREATE TABLE media_file (id integer PRIMARY KEY, user_id integer REFERENCES "user" (id));
CREATE INDEX media_file_user_idx ON media_file (user_id);
COMMENT ON TABLE media_file IS 'Uploaded audio and video';
