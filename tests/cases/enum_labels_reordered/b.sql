CREATE TYPE file_status AS ENUM ('pending', 'completed', 'processing');
