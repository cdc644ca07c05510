"""What official documents say, as plain values: built from stored data, stored as snapshots."""
