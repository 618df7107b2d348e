"""Sync between devices through a folder a file-sync tool keeps (issue #18).

``records`` is the interface between the journal side (``journal_side/``: capture, clock,
apply) and the folder side (``folder/``, ``exchange``).
"""
