"""Finding contacts that may be the same person and showing them side by side."""
