"""Benchmarks (run as modules, e.g. python -m bench.matrix.run)."""

# A benchmark loads one server from one address far harder than any person does: its servers get
# a cost budget it cannot use up, so what is measured is the work, not the per-caller throttle.
UNTHROTTLED_POINTS = 1_000_000_000
UNTHROTTLED = {
    "TONGNAN_COST_BUDGET": str(UNTHROTTLED_POINTS),
    "TONGNAN_COST_REFILL_PER_MINUTE": str(UNTHROTTLED_POINTS),
}
