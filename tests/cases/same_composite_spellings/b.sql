CREATE TYPE money_amount AS (amount NUMERIC(12, 2), currency character varying(3) COLLATE "C", rate int4);
