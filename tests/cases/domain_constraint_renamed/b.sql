CREATE DOMAIN amount AS numeric(12,2) CONSTRAINT amount_not_negative CHECK (VALUE >= 0);
