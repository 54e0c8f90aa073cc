CREATE TYPE money_amount AS (amount numeric(12,2), currency varchar(3) COLLATE "C", rate int);
