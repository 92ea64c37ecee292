"""Alembic migration scripts, run from code when a database is opened."""
