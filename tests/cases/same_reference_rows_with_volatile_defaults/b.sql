CREATE TABLE tag (
    id serial PRIMARY KEY,
    uuid uuid NOT NULL DEFAULT gen_random_uuid(),
    created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    name text NOT NULL
);
INSERT INTO tag (name) VALUES ('Lecture'), ('Meeting');
