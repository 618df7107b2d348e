"""The Settings dialog and its pages, backups included."""
