"""Full-text search over everything in the journal."""
