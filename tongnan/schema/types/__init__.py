"""GraphQL object types, each a thin view over plain loaded rows (sync fields, no awaits)."""
