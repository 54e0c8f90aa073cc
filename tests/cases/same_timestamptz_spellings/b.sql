CREATE TABLE media_file (created_at timestamp with time zone, updated_at timestamptz);
