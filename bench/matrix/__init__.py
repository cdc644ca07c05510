"""Province-scale benchmark of the responsibility matrix (generate.py builds, run.py measures)."""
