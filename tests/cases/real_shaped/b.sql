-- The same schema as the migrations build it: other constraint names, no audit table yet.
CREATE TABLE account (
    id serial PRIMARY KEY,
    email text NOT NULL,
    balance double precision NOT NULL DEFAULT '0'::double precision,
    CONSTRAINT uq_account_email UNIQUE (email),
    CONSTRAINT ck_account_balance CHECK (balance >= 0)
);

CREATE TABLE plan (
    id serial PRIMARY KEY,
    code text NOT NULL,
    CONSTRAINT uq_plan_code UNIQUE (code),
    CONSTRAINT ck_plan_code CHECK (code <> '')
);

CREATE TABLE invoice (
    id serial PRIMARY KEY,
    account_id integer NOT NULL,
    plan_id integer,
    total numeric(12, 2) NOT NULL,
    status text NOT NULL,
    CONSTRAINT fk_invoice_account FOREIGN KEY (account_id) REFERENCES account (id),
    CONSTRAINT ck_invoice_total CHECK (total >= 0),
    CONSTRAINT ck_invoice_status CHECK (status IN ('open', 'paid'))
);

CREATE TABLE category (
    id serial PRIMARY KEY,
    uuid uuid NOT NULL DEFAULT gen_random_uuid(),
    name text NOT NULL UNIQUE
);
INSERT INTO category (name) VALUES ('news'), ('sport'), ('science');
