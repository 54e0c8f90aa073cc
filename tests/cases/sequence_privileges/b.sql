CREATE SEQUENCE invoice_number_seq;
GRANT USAGE, SELECT ON SEQUENCE invoice_number_seq TO PUBLIC;
