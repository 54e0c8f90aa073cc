CREATE UNLOGGED SEQUENCE upload_number_seq;
