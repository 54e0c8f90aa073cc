CREATE TYPE user_role AS ENUM ('user', 'admin');
CREATE TABLE setting (
    ratio double precision DEFAULT 0.0,
    attempts integer DEFAULT 1,
    options jsonb DEFAULT '{}'::jsonb,
    role user_role DEFAULT 'user'::user_role,
    price numeric(12, 2) DEFAULT 0,
    label text
);
