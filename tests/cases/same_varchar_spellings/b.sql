CREATE TABLE tag (name character varying(50), color varchar);
