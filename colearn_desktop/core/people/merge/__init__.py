"""Merging contacts that are one person: the plan (who is kept, which value wins), and the
one transaction that moves everything to the kept contact (see :mod:`.apply`)."""
