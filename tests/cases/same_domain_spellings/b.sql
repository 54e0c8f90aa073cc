CREATE DOMAIN amount NUMERIC(12, 2) NOT NULL DEFAULT (0) CONSTRAINT amount_check CHECK ((VALUE >= (0)::numeric));
CREATE DOMAIN label character varying(40) COLLATE "C";
CREATE DOMAIN counter AS integer;
ALTER DOMAIN counter ADD CONSTRAINT counter_check CHECK (VALUE >= 0);
