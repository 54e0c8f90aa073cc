CREATE TABLE media_file (created_at timestamptz DEFAULT now(),
                         updated_at timestamptz DEFAULT CURRENT_TIMESTAMP);
