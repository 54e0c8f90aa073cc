"""schemaparity: build every source of a PostgreSQL schema, snapshot the catalogs, name every difference.

The engine imports nothing from the project it checks: the project tells it where its
sources are (`[tool.schemaparity]` in pyproject.toml, or command-line flags).
"""

__version__ = "0.2.0"
