"""Commands on the journal as a whole: check, stats, backups, restore, undo, the self-test."""
