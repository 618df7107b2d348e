"""The contacts list and one contact's page, with its editors and panels."""
