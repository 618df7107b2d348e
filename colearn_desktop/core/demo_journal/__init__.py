"""The demo journal: realistic, deterministic, fast to build."""
