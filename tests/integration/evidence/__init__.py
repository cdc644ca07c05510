"""Evidence (佐证材料) use cases and file stores against a real database (both backends)."""
