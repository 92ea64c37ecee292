"""Pictures Legday draws with Qt for the window and the command line: map art, report PDF."""
