"""Storage: the journal in SQLAlchemy Core, its SQLite file, backups and migrations. No Qt."""
