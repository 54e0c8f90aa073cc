CREATE TYPE money_amount AS (currency char(3), amount numeric(12,2));
