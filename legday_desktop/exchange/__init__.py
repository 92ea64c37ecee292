"""Export and import files (CSV of soreness, JSON of everything): pure text <-> domain."""
