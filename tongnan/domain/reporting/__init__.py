"""Progress reporting: rounds, reports, reviews, warnings, and who may read them."""
