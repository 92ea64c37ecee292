"""Guidance, in plain Python: warnings, tips and readiness for a date, and advice as text or JSON.

The rules (``alerts``, ``tips``, ``readiness``) look at one ``context``; the tips themselves
are data in ``resources/tips.json``.
"""
