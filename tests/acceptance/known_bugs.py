"""Stories the keyboard cannot finish yet: each is a strict xfail naming its item of #14, so
it fails the run the day the bug is fixed (then drop the mark)."""

from __future__ import annotations

import pytest


def bug_of_14(reason: str, raises: type[BaseException] = AssertionError) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, raises=raises, reason=f"#14 {reason}")
