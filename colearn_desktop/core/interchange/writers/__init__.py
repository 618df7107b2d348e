"""Writing contacts, the journal and reminders to files."""
