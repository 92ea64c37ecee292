"""Widgets, models and dialogs: they show domain objects and emit intent, never touch storage."""
