"""Storage: SQLite through SQLAlchemy 2.x, schema migrations and the repository. No Qt."""
