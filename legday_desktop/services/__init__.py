"""Services: QtCore objects that own storage sessions and signal what changed."""
