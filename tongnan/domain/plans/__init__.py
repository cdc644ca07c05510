"""Plans: the work plan's structure, its tasks, units and assignments."""
