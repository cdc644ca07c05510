"""Benchmark of the official documents: plan notice render time, cold and cached."""
