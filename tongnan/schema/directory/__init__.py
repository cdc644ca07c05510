"""The directory in the API: units and groups, and the caller (viewer)."""
