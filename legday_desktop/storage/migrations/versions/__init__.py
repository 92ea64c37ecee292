"""Schema revisions: new changes are new files; an old file only learns another engine.

What a revision does to an SQLite file never changes once released (existing journals
were made by it); a branch for PostgreSQL may be added beside it.
"""
