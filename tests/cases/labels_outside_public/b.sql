CREATE SCHEMA archive;
CREATE TABLE archive.media_file (id integer PRIMARY KEY, filename text);
CREATE INDEX media_file_filename_idx ON archive.media_file (lower(filename));
