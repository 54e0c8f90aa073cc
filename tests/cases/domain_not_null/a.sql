CREATE DOMAIN amount AS numeric(12,2) NOT NULL;
