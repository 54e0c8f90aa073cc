CREATE SEQUENCE upload_number_seq;
