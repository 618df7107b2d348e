"""Backups: verified copies, which ones to keep, listing and thinning them, and putting one back."""
