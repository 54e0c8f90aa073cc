CREATE TABLE "user" (id integer, email text, age integer,
                     CONSTRAINT user_pkey PRIMARY KEY (id),
                     CONSTRAINT user_email_key UNIQUE (email),
                     CONSTRAINT user_age_check CHECK (age >= 0));
CREATE TABLE media_file (user_id integer CONSTRAINT media_file_user_id_fkey REFERENCES "user" (id));
