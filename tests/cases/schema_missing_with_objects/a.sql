CREATE SCHEMA archive;
CREATE TYPE archive.mood AS ENUM ('calm', 'tense');
CREATE TABLE archive.old_file (id integer PRIMARY KEY, mood archive.mood);
CREATE INDEX old_file_mood_idx ON archive.old_file (mood);
