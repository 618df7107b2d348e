"""The people in the journal: contacts, their tags and keep-in-touch cadence, and the contacts
list.
"""
