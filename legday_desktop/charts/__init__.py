"""Charts: plotting functions that draw on a matplotlib Axes, and the canvas that hosts them.

Importing this package is light; matplotlib loads with ``plots`` and ``panel``.
"""
