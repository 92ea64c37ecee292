"""One module per thing the user does from the menus (as Anki's ``aqt/operations``)."""
