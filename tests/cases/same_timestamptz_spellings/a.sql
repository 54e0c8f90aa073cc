CREATE TABLE media_file (created_at timestamptz, updated_at timestamp with time zone);
