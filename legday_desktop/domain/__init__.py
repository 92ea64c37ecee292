"""The domain, in plain Python: regions, the soreness scale, leg days, check-ins, the journal.

Also the statistics over them (recovery curves, insights) and the wording every layer
shares (``wording``: dates, the not-medical-advice line, gettext).
"""
