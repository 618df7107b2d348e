"""Small building blocks every screen shares: widgets, formatting, forms, background work, undo and
the journal-changed signal.
"""
