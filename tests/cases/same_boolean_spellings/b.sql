CREATE TABLE "user" (active boolean, verified bool);
