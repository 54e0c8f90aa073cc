CREATE TABLE media_file (view_count integer DEFAULT 1);
