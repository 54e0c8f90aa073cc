CREATE TABLE prompt (
    uuid uuid NOT NULL DEFAULT gen_random_uuid(),
    name text NOT NULL
);
INSERT INTO prompt (uuid, name) VALUES ('8d1c7a52-3f0e-4b7a-9c61-2f4e5a9b0c01', 'General summary');
