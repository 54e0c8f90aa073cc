-- with --compare-owners
CREATE SCHEMA archive;
CREATE TABLE archive.media_file (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, title text);
CREATE VIEW archive.titles AS SELECT title FROM archive.media_file;
CREATE SEQUENCE archive.invoice_number_seq;
CREATE TYPE archive.file_status AS ENUM ('pending', 'done');
CREATE DOMAIN archive.amount AS numeric(12,2);
CREATE TYPE archive.money_amount AS (amount archive.amount, currency char(3));
CREATE FUNCTION archive.normalise_tag(name text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lower(name) $$;
