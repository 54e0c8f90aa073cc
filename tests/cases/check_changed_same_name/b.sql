CREATE TABLE media_file (file_size bigint, CONSTRAINT media_file_size_check CHECK (file_size >= 0));
