"""The domain: regions, soreness scale, leg days and check-ins, in plain Python."""
