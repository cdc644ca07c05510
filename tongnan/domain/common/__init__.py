"""Shared parts of the domain: what every feature uses (ids, errors, permission tables as text)."""
