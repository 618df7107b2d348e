"""``colearn --self-test``: driving the real app end to end without a person."""
