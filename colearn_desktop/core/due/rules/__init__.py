"""The due rules, one module each: every one builds a
:class:`~colearn_desktop.core.due.rule.DueRule` (its kind, key, query, what done means, its
words) and is listed in :mod:`colearn_desktop.core.due.registry`, the only list of them."""
