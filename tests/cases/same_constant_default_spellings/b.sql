CREATE TYPE user_role AS ENUM ('user', 'admin');
CREATE TABLE setting (
    ratio double precision DEFAULT '0'::double precision,
    attempts integer DEFAULT '1'::integer,
    options jsonb DEFAULT '{}',
    role user_role DEFAULT 'user',
    price numeric(12, 2) DEFAULT 0.00,
    label text DEFAULT NULL
);
