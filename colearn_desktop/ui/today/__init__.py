"""The Today screen: what is due, the quick log and reminders."""
