"""Charts: plotting functions that draw on a matplotlib Axes, for the screen and for paper.

``plots`` draws each chart kind, ``render`` a chart's data into a figure, ``printing`` the
report's charts, ``panel`` is the canvas in the window and ``toolbar`` its buttons.
Importing this package (or ``style``) is light; matplotlib loads with the others.
"""
