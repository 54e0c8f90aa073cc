CREATE DOMAIN amount AS numeric(12,2);
