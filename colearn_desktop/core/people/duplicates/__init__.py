"""Finding contacts that are probably the same person (issue #17): keys, matcher, service."""
