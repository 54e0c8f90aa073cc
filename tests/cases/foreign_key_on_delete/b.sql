CREATE TABLE "user" (id integer PRIMARY KEY);
CREATE TABLE media_file (user_id integer REFERENCES "user" (id) ON DELETE SET NULL);
