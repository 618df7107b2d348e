"""Dialogs that create or change a contact, a favour or a purchase, and the contact picker they
share."""
