CREATE DOMAIN amount AS numeric(12,2) CONSTRAINT amount_check CHECK (VALUE > 0);
