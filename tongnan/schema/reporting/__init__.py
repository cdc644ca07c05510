"""Progress reporting in the API: rounds, reports, reviews, warnings, and their subscriptions."""
