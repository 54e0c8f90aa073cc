CREATE TABLE "user" (id integer PRIMARY KEY);
CREATE TABLE media_file (user_id integer REFERENCES "user" (id));
