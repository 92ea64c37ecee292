"""Guidance: the tips content (data in resources/) and the rules that choose it, in plain Python."""
