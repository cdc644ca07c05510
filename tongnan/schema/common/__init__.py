"""What the schema's features share: ids, the use-case runner, connections, errors, limits."""
