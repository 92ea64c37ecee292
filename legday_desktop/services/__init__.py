"""Services: what the window and the commands do with a journal, through storage.

The journal service is a QObject: each change is one undoable step, signalled with what
changed. The other services read what advice, charts, insights and the report need,
import and export files, and keep the journal safe. QtCore at most; SQL stays in storage.
"""
