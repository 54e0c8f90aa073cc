CREATE TABLE "user" (active bool, verified boolean);
