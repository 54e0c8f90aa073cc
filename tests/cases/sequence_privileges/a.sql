CREATE SEQUENCE invoice_number_seq;
GRANT USAGE ON SEQUENCE invoice_number_seq TO PUBLIC;
