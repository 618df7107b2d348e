"""The benchmark suite (issue 10): ``python -m tests.perf.run [--quick]``.  Not collected by
the normal test run (``norecursedirs`` in pyproject)."""
