CREATE TABLE media_file (filename text CONSTRAINT nn_media_file_filename NOT NULL);
