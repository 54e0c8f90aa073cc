CREATE TYPE file_status AS ENUM ('pending', 'processing', 'completed', 'error');
