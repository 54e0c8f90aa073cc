CREATE TABLE "user" (email text);
CREATE UNIQUE INDEX user_email_idx ON "user" (email);
