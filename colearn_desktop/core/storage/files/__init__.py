"""The journal's files on disk, outside SQLite: where the journal folder is, moving it, the
copies a sync service leaves beside it, and the journal's own files (sidecars, leftovers)."""
