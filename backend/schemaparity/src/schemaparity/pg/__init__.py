"""PostgreSQL plumbing, written once: URLs (password hidden), connections with timeouts, psql and the
client programs of the server's major, the embedded server, the choice of scratch server, running Alembic."""
