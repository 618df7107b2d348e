"""Where the journal lives on disk: the database, its schema and migrations, settings, drafts,
folders and backups.  Below every feature: it imports none of them.
"""
