"""Schema revisions: new changes are new files, old files are never edited."""
