CREATE TABLE media_file (duration real);
