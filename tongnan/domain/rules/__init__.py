"""Pure rules over plain values: warning levels, target evaluation. No I/O, no clock."""
