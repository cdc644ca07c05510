"""Progress reporting: what units report in a round and the rules that read it."""
