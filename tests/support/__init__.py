"""Test support every tier may import: per-run databases, the bundled data, an API client, the
CLI and server processes, the seed plan, and reading rendered PDFs."""
