CREATE TYPE money_amount AS (amount numeric(12,2), currency char(3));
