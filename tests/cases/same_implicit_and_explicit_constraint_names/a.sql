CREATE TABLE "user" (id integer PRIMARY KEY, email text UNIQUE, age integer CHECK (age >= 0));
CREATE TABLE media_file (user_id integer REFERENCES "user" (id));
