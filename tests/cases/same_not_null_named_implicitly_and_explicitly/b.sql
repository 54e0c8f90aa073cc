CREATE TABLE media_file (filename text CONSTRAINT media_file_filename_not_null NOT NULL);
