"""What every feature shares: actor, errors, permissions, unit of work, audit trail, change feed,
clock, values, database URL and runtime, and finding stored things by name."""
